import { describeChangeFeedContract } from './change-feed.contract.js';
import { openTwoSqliteConnections } from './port-contract-fixture.js';

describeChangeFeedContract('SQLite', openTwoSqliteConnections);
