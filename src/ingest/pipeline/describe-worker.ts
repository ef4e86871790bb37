// A describing thread (describe-pool.ts): reads feeds (parse, normalize) and describes items with
// tools built from the settings it is sent, answering each request in turn.
import { parentPort } from 'node:worker_threads';
import { describeItem, describingToolsFor, type DescribingTools } from './describe-item.js';
import type { DescribeReply, DescribeRequest } from './describe-pool.js';
import { readFeedItemsAtOnce } from './read-feed-items.js';

let tools: DescribingTools | undefined;

function answer(request: DescribeRequest): DescribeReply {
  if (request.kind === 'read') return { id: request.id, read: readFeedItemsAtOnce(request.feed, request.origin) };
  if (request.settings) tools = describingToolsFor(request.settings);
  if (!tools) throw new Error('No filing settings were sent before the first items.');
  return { id: request.id, descriptions: request.items.map((item) => describeItem(item, tools!)) };
}

parentPort!.on('message', (request: DescribeRequest) => {
  let reply: DescribeReply;
  try {
    reply = answer(request);
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
