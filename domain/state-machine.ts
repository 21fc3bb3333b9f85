// One owner for each state (case, permit, custodian order): a machine names the states, the
// events, and for each event the states that accept it and the state it leads to. Workers,
// routes and the outbox relay ask the machine; none writes a state by hand. An event without
// `to` is accepted in its states and leaves the state as it is (a step recorded on the way).

// 'supplement-requested' as a property name: supplementRequested.
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
export type Constants<N extends string> = { readonly [K in N as Camel<K>]: K };

const camel = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

// Names as constants under their camel-case property names, so that code never spells a state,
// event or step as a string literal.
export function constants<N extends string>(names: readonly N[]): Constants<N> {
  return Object.fromEntries(names.map((name) => [camel(name), name])) as Constants<N>;
}

export type Transition<S extends string> = { readonly from: readonly S[]; readonly to?: S };

// An event the current state does not accept: routes answer 409 naming the state, workers
// stop with an incident (the model and the machine disagree, which is a fault).
export class StateRefusal extends Error {
  override name = 'StateRefusal';
  constructor(
    readonly concept: string,
    readonly state: string,
    readonly event: string,
  ) {
    super(`The ${concept} is ${state}: it does not accept ${event}`);
  }
}

export type Machine<S extends string, E extends string> = {
  readonly concept: string;
  readonly states: readonly S[];
  readonly transitions: Readonly<Record<E, Transition<S>>>;
  // The event names as constants (`machine.event.supplementRequested`), so callers never
  // spell one.
  readonly event: Constants<E>;
  accepts(state: S, event: E): boolean;
  // The state after the event; throws StateRefusal when the state does not accept it.
  next(state: S, event: E): S;
  // The events the state accepts.
  acceptedIn(state: S): E[];
};

export function defineMachine<S extends string, E extends string>(concept: string, states: readonly S[], transitions: Record<E, Transition<S>>): Machine<S, E> {
  const events = Object.keys(transitions) as E[];
  const accepts = (state: S, event: E) => transitions[event]?.from.includes(state) ?? false;
  return {
    concept,
    states,
    transitions,
    event: constants(events),
    accepts,
    next(state, event) {
      if (!accepts(state, event)) throw new StateRefusal(concept, state, event);
      return transitions[event].to ?? state;
    },
    acceptedIn: (state) => events.filter((event) => accepts(state, event)),
  };
}

// The audit step an event leaves: the event's name, qualified by what makes a repeat of the
// same event distinct (a job, a custodian, a message). A step recorded twice is kept once,
// so a retried job or a relayed repeat applies its event once.
export const stepOf = (event: string, qualifier?: string | number) => (qualifier === undefined ? event : `${event}:${qualifier}`);
