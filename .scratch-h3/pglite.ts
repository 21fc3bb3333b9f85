import { connect, migrate } from '../service/db.ts';
import { createForecastRefresh } from '../service/forecast-refresh.ts';
import { createEngineClient } from '../service/engine-client.ts';
import { pino } from 'pino';
const db = connect({ databaseUrl: undefined, pgliteDir: '/tmp/h3-pglite-test' });
await migrate(db);
const r = createForecastRefresh({ db, engine: createEngineClient({ url: 'http://127.0.0.1:8194', user: 'hds-service', password: 'hds-service' }), log: pino({ level: 'info' }) });
console.log(await r.refresh({ force: true }));
await db.destroy();
