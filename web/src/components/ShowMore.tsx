/** The end of a paged list: a button that asks for the page after `endCursor`, while there is one. */
export function ShowMore({
  pageInfo,
  loading,
  what,
  onMore,
}: {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  loading: boolean;
  /** What the list holds, plural: "postings". */
  what: string;
  onMore: (after: string) => void;
}) {
  if (!pageInfo.hasNextPage || !pageInfo.endCursor) return null;
  const after = pageInfo.endCursor;
  return (
    <button type="button" disabled={loading} onClick={() => onMore(after)}>
      {loading ? 'Loading…' : `Show more ${what}`}
    </button>
  );
}
