import type { Reporter } from '../action-context.js';
import { replaceStickyComment, upsertStickyComment } from '../sticky-comment.js';

/** One summary comment per job and folder (`comment-mode`): updated in place, or posted anew with the old ones hidden. */
export const updateSummaryComment: Reporter = async ({ inputs, env, client, session, pr, scope, verdict }) => {
  if (!pr || !scope.changed || session.mode !== 'full' || inputs.commentMode === 'off') return {};
  const comment = await session.write('update the summary comment', 'pull-requests: write', (): Promise<{ id?: number }> =>
    inputs.commentMode === 'hide-and-new'
      ? replaceStickyComment(client, pr, env.runKey, verdict.markdown)
      : upsertStickyComment(client, pr, env.runKey, verdict.markdown, inputs.commentMode === 'update' || verdict.active.length > 0),
  );
  return { commentId: comment?.id };
};
