// `npm start`: build when needed, then run the one server process (Next + socket.io + SQLite).
import { buildIfNeeded } from './build-if-needed.mjs';
import { register } from 'tsx/esm/api';

buildIfNeeded();
process.env.NODE_ENV ??= 'production';
register();
await import('../server/main.ts');
