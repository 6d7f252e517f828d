import { MaxLength } from 'class-validator';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Payload } from '../common/payload';
import { ImportError, ImportExtraction, ImportReport, RejectionCode } from './import.types';

// The mutation's input and report: the same report the command writes with --report.

/** Largest `data` accepted, in bytes: the request body limit for importers is set just above it. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export enum ImportRecordType {
  POSTING = 'posting',
  CANDIDATE = 'candidate',
  COURSE = 'course',
}
registerEnumType(ImportRecordType, {
  name: 'ImportRecordType',
  description: 'The kind of record an import carries.',
  valuesConfig: {
    POSTING: { description: 'Job postings, by externalId within a company.' },
    CANDIDATE: { description: 'Candidate profiles, by externalId.' },
    COURSE: { description: 'Courses, by externalId.' },
  },
});

export enum ImportFormat {
  JSONL = 'JSONL',
  CSV = 'CSV',
}
registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'How the records of an import are written.',
  valuesConfig: {
    JSONL: { description: 'One JSON object a line.' },
    CSV: {
      description: 'A header row naming the fields, then one record a row; lists as skill:level;skill:level.',
    },
  },
});

@InputType({ description: 'Records to import, as the text of a file (the formats of `npm run import`).' })
export class ImportRecordsInput {
  @Field(() => ImportRecordType, { description: 'Every record must be of this type.' })
  type: ImportRecordType;

  @Field(() => ImportFormat, { description: 'How the records of `data` are written.' })
  format: ImportFormat;

  @Field({ description: "The file's text: at most 5 MiB (in UTF-8)." })
  @MaxLength(MAX_IMPORT_BYTES)
  data: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Validate and report what would change, writing nothing.',
  })
  dryRun?: boolean | null;
}

@ObjectType({ description: 'Why one row of an import was rejected.', simpleResolvers: true })
export class ImportRowError implements ImportError {
  @Field(() => Int, { description: '1-based line of the data where the row starts.' })
  line: number;

  @Field(() => String, { nullable: true, description: 'The field at fault; null when the whole row is.' })
  field: string | null;

  @Field(() => String, {
    description:
      'MALFORMED_JSON, MALFORMED_CSV, LINE_TOO_LONG, UNKNOWN_TYPE, TYPE_MISMATCH, MISSING_FIELD, INVALID_VALUE, ' +
      'LEVEL_OUT_OF_RANGE, UNKNOWN_SKILL, DUPLICATE_SKILL, TOO_MANY_ITEMS, COMPANY_NOT_ALLOWED or CONFLICT.',
  })
  code: RejectionCode;

  @Field({ description: 'What is wrong with the row, in English, for a person to read.' })
  message: string;
}

@ObjectType({
  description: 'A record that listed no skills, and how many skills were read from its text.',
  simpleResolvers: true,
})
export class ImportRecordExtraction implements ImportExtraction {
  @Field(() => Int, { description: '1-based line of the data where the record starts.' })
  line: number;

  @Field({ description: "The record's externalId." })
  externalId: string;

  @Field(() => Int, {
    description:
      "Skills read from its text (a posting's or course's title and description, a candidate's resume), at most 50.",
  })
  skillCount: number;
}

@ObjectType({
  description: 'What an import did (or, in a dry run, would do), record by record.',
  simpleResolvers: true,
})
export class ImportRecordsReport implements ImportReport {
  @Field(() => Int, { description: 'Records new to Skillgraph.' })
  created: number;

  @Field(() => Int, { description: 'Records that existed and changed.' })
  updated: number;

  @Field(() => Int, { description: 'Records that existed as given.' })
  unchanged: number;

  @Field(() => Int, { description: 'Rows refused; nothing of them was written.' })
  rejected: number;

  @Field(() => [ImportRowError], {
    description: 'Each reason a row was refused, by line (the first 10,000).',
  })
  errors: ImportRowError[];

  @Field(() => Int, {
    description:
      'Records (created, updated or unchanged) that listed no skills and got those their text names.',
  })
  extracted: number;

  @Field(() => [ImportRecordExtraction], {
    description: 'How many skills each of those records got from its text, by line (the first 10,000).',
  })
  extractions: ImportRecordExtraction[];
}

@ObjectType({ description: 'What importRecords did, or why it did not run.', simpleResolvers: true })
export class ImportRecordsPayload extends Payload {
  @Field(() => ImportRecordsReport, {
    nullable: true,
    description:
      'What the import did, rows it refused included (those are listed in `errors`, not `userErrors`); ' +
      'null when the input as a whole was refused.',
  })
  report: ImportRecordsReport | null;
}
