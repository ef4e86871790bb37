import { openTwoSqliteConnections } from './port-contract-fixture.js';
import { describeRequestCountersContract } from './request-counters.contract.js';

describeRequestCountersContract('SQLite', openTwoSqliteConnections);
