// Exchange hours and market state (pure: no database, no clock of its own). The only file other modules import.
export { EXCHANGES, exchangeName, findExchange, venueTimeZone, type ClockSpan, type Exchange } from './exchanges.js';
export {
  isTradingDay,
  marketState,
  scheduleOf,
  sessionMinutes,
  sessionsOn,
  tradingDay,
  type MarketRef,
  type MarketState,
  type MarketStateName,
  type Session,
  type TradingSchedule,
} from './market-hours.js';
export { dayFromNumber, dayNumberOf, weekdayOf, zonedParts, zonedTimeToInstant, zoneOffsetMinutes } from './zoned-time.js';
