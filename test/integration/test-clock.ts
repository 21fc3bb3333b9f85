// The engine's clock as the workers of a test see it. engine.ts moves it along with the
// engine's own (pinClock); the harness hands it to the workers, so deadlines computed after a
// pinned timer fires count from the engine's time.
let offsetMs = 0;

export const engineNow = () => new Date(Date.now() + offsetMs);

export function followEngineClock(at: Date | undefined) {
  offsetMs = at ? at.getTime() - Date.now() : 0;
}
