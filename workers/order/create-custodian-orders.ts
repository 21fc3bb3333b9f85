// Creates one order per custodian (not per register) for the granted sources: a custodian whose
// sources were all refused gets none (after an accepted offer of statistics instead of a
// refusal, every source asked for is ordered as aggregated figures). Its delivery deadline is set when it is sent
// (send-custodian-order). custodianIds is one string, one id per line: the engine keeps
// primitive variables only, and the model's multi-instance splits the lines.
import { registersByCustodian } from '../../domain/registers.ts';
import { osloDay } from '../../domain/working-days.ts';
import { orderedSources } from '../../store/case/statistics-offers.ts';
import { caseInput, defineWorker } from '../declaration.ts';
import { caseEvent } from '../../domain/case/states.ts';
import { applyCaseEvent } from '../../store/case/events.ts';
import { orderKind } from '../../domain/order/states.ts';
import { createOrder } from '../../store/order/events.ts';
import { permitOfCase } from '../../store/permit/permits.ts';

export default defineWorker<{ applicationId: string }, { custodianIds: string }>({
  topic: 'create-custodian-orders',
  input: caseInput(),
  async handler({ applicationId }, { db, now }) {
    const granted = await orderedSources(db, applicationId);
    const orders = registersByCustodian(granted.map((s) => s.registerId), osloDay(now()));
    await db.transaction(async (tx) => {
      // The permit the decision made or amended; a data update within its decision has none.
      const permit = await permitOfCase(tx, applicationId);
      for (const [custodianId, registerIds] of orders) {
        await createOrder(tx, { kind: orderKind.dataOrder, applicationId, permitId: permit?.id, custodianId, registerIds });
      }
      await applyCaseEvent(tx, { applicationId, event: caseEvent.ordersCreated, now: now(), actor: 'system', detail: { custodians: [...orders.keys()] } });
    });
    return { custodianIds: [...orders.keys()].sort().join('\n') };
  },
});
