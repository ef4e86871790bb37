// The demo prices: the demo instrument set, the seeded walk, and the provider that writes them.
export { DEMO_INSTRUMENTS, type DemoInstrument } from './demo-instruments.js';
export { DEMO_DELAY_MINUTES, DEMO_EPOCH, DEMO_SOURCE, demoDailyBars, demoTicks, MAX_DEMO_BAR_DAYS, MAX_DEMO_TICK_MS, type DemoWalkInstrument } from './demo-walk.js';
export { DEMO_FILL_STEP_MINUTES, DEMO_HISTORY_DAYS, DEMO_LIVE_TICKS_MS, DEMO_TICK_FILL_MS, isDemoTickStored, planDemoCatchUp, type DemoCatchUp, type DemoTickRange } from './demo-plan.js';
export { createDemoProvider, DEMO_PRICES_JOB, DEMO_SEED, type DemoProvider, type DemoProviderOptions, type DemoRunReport } from './demo-provider.js';
