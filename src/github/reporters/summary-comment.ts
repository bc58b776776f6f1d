import type { Reporter } from '../action-context.js';
import { upsertStickyComment } from '../sticky-comment.js';

/** One summary comment per job and folder, updated in place (`comment-mode`). */
export const updateSummaryComment: Reporter = async ({ inputs, env, client, session, pr, scope, verdict }) => {
  if (!pr || !scope.changed || session.mode !== 'full' || inputs.commentMode === 'off') return {};
  const sticky = await session.write('update the summary comment', 'pull-requests: write', () =>
    upsertStickyComment(client, pr, env.runKey, verdict.markdown, inputs.commentMode === 'update' || verdict.active.length > 0),
  );
  return { commentId: sticky?.id };
};
