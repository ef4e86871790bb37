import { describeSearchIndexContract } from './search-index.contract.js';
import { openTwoSqliteConnections } from './port-contract-fixture.js';

describeSearchIndexContract('SQLite', openTwoSqliteConnections);
