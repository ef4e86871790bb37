import { describeAttemptLimitsContract } from './attempt-limits.contract.js';
import { openTwoSqliteConnections } from './port-contract-fixture.js';

describeAttemptLimitsContract('SQLite', openTwoSqliteConnections);
