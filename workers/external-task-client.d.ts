// The parts of camunda-external-task-client-js 3.x the runtime uses; the package ships no
// types, and @types/camunda-external-task-client-js describes 1.x.
declare module 'camunda-external-task-client-js' {
  export class Client {
    constructor(options: Record<string, unknown>);
    subscribe(topic: string, options: Record<string, unknown>, handler: (args: any) => unknown): { unsubscribe(): void };
    on(event: string, listener: (...args: any[]) => void): void;
    start(): void;
    stop(): void;
  }
  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
  export class Variables {
    setAllTyped(values: Record<string, unknown>): Variables;
  }
}
