import { useId } from 'react';
import type { SkillMatchPartsFragment } from '../graphql/generated';
import { label } from '../format';

/** One posting skill as met by a candidate: a meter of the credit earned, and why. */
export function SkillMeter({ match }: { match: SkillMatchPartsFragment }) {
  const percent = Math.round(match.credit * 100);
  const id = useId();
  return (
    <li className="skill-meter">
      <span id={id} className="skill-meter-name">
        {match.skill.name}
      </span>{' '}
      <span className={`tag ${match.importance === 'REQUIRED' ? 'tag-required' : ''}`}>
        {label(match.importance)}
      </span>
      <meter
        min={0}
        max={1}
        low={0.5}
        high={0.99}
        optimum={1}
        value={match.credit}
        aria-labelledby={id}
        aria-valuetext={`${percent}% credit`}
      />
      <span className="skill-meter-detail">
        {percent}% · level asked {match.minLevel}, held {match.candidateLevel ?? 'none'}
        {match.via ? ` · via ${match.via.name}` : ''}
        {match.relation && match.relation !== 'DIRECT' ? ` (${label(match.relation)})` : ''}
      </span>
    </li>
  );
}
