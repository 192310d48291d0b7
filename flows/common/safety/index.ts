// === Safety: recognising someone in danger, and what every flow does first

export { emergencyActions, isWatch, watchActions } from './actions.js';
export { AID_SERVICE, type FirstAid, firstAidFor } from './aid.js';
export { aboutNow, clausesOf } from './clauses.js';
export { detectEmergency, type EmergencyReading, SIGNS } from './recognise.js';
export type { EmergencyCategory, EmergencyLevel, EmergencyService, Sign } from './types.js';
