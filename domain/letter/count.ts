// A number with the noun it counts, in the right number: "1 time", "2 timer", "1 påbegynt time".
// Every letter writes counted things through this one rule (the template helper `count`), so no
// template can say "1 timer".
export function countText(count: number, singular: string, plural: string): string {
  return `${count} ${Math.abs(count) === 1 ? singular : plural}`;
}
