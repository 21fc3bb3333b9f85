// Applies pending migrations to the configured database and exits.
import { loadConfig } from './config.ts';
import { connect, migrate } from './db.ts';

const db = connect(loadConfig());
console.log('applied:', await migrate(db));
await db.destroy();
