// Finds one of an Operator's engagements by what a person would type: its id, or its name ignoring case.
import { LoomworksError } from '../errors';
import type { EngagementRecord } from './records';
import { engagementNameKey, type StoreOperations } from './store';

export type FindEngagementOptions = {
  /** Only this Operator's engagements are found; another Operator's id is as unknown as a made-up one. */
  operatorId: string;
};

/**
 * The engagement whose id is `reference`, else the one whose name is `reference` ignoring case (as the
 * name check of induction folds names). Rejects with `E_NOT_FOUND` when there is none, and with
 * `E_INVALID_INPUT` (the candidates' ids in `details.ids`) when several share the name — which happens
 * when a candidate failed induction because its name was taken.
 */
export async function findEngagement(store: StoreOperations, reference: string, options: FindEngagementOptions): Promise<EngagementRecord> {
  const wanted = reference.trim();
  if (wanted === '') throw new LoomworksError('E_INVALID_INPUT', 'Name an engagement by its id or its name');
  const byId = await store.getEngagement(wanted);
  if (byId && byId.operatorId === options.operatorId) return byId;

  const byName = await store.findEngagementsByNameKey(options.operatorId, engagementNameKey(wanted));
  if (byName.length === 1) return byName[0] as EngagementRecord;
  if (byName.length === 0) {
    throw new LoomworksError('E_NOT_FOUND', `No engagement with the id or name "${wanted}"`, {
      details: { reference: wanted, operatorId: options.operatorId },
      hint: 'Give the id or the name (any case) of one of your engagements.',
    });
  }
  const ids = byName.map((engagement) => engagement.id);
  throw new LoomworksError('E_INVALID_INPUT', `${ids.length} engagements are named "${wanted}": ${ids.join(', ')}`, {
    details: { reference: wanted, ids },
    hint: 'Give the id of the one you mean.',
  });
}
