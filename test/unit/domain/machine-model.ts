// Model-based checking of a state machine (domain/state-machine.ts) with fast-check commands:
// random sequences of events are applied both to the machine and to a model, the transition
// table written out pair by pair in the test. Each event the model accepts must be accepted by
// the machine and lead to the model's state; each other event must be refused (StateRefusal,
// naming the state and the event) and leave the state as it was.
import fc from 'fast-check';
import { expect } from 'vitest';
import { StateRefusal, type Machine } from '../../../domain/state-machine.ts';

// For each event, the states that accept it and the state each leads to ([from, to]).
export type Table<S extends string, E extends string> = Record<E, readonly (readonly [S, S])[]>;

type Model<S> = { state: S };
type Real<S> = { state: S };

class Apply<S extends string, E extends string> implements fc.AsyncCommand<Model<S>, Real<S>> {
  constructor(
    readonly machine: Machine<S, E>,
    readonly table: Table<S, E>,
    readonly event: E,
  ) {}
  check = () => true;
  async run(model: Model<S>, real: Real<S>) {
    const pair = this.table[this.event].find(([from]) => from === model.state);
    expect(this.machine.accepts(real.state, this.event), `${real.state} + ${this.event}`).toBe(pair !== undefined);
    expect(this.machine.acceptedIn(real.state).includes(this.event)).toBe(pair !== undefined);
    if (!pair) {
      expect(() => this.machine.next(real.state, this.event)).toThrow(StateRefusal);
      expect(() => this.machine.next(real.state, this.event)).toThrow(`is ${real.state}: it does not accept ${this.event}`);
      return;
    }
    real.state = this.machine.next(real.state, this.event);
    model.state = pair[1];
    expect(real.state).toBe(model.state);
  }
  toString = () => this.event;
}

// Runs random sequences of events from `initial` (and, so that every state is reached whatever
// the paths, from any state) and checks the machine against the table.
export async function checkAgainstTable<S extends string, E extends string>(machine: Machine<S, E>, table: Table<S, E>, initial: S, numRuns = 300) {
  expect(Object.keys(machine.transitions).sort()).toEqual(Object.keys(table).sort());
  const events = Object.keys(table) as E[];
  const commands = fc.commands(events.map((event) => fc.constant(new Apply(machine, table, event))), { maxCommands: 60 });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(initial, ...machine.states), commands, async (start, sequence) => {
      await fc.asyncModelRun(() => ({ model: { state: start }, real: { state: start } }), sequence);
    }),
    { numRuns },
  );
}
