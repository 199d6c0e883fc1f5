export type { Alarm, AlarmReason, AlarmResult, AlarmStatus } from './alarm.ts';
export { createAlarm, type AlarmConfig } from './create-alarm.ts';
export { GpioFileAlarm, SerialAlarm, SimulatedAlarm, SET_ALARM } from './alarm-outputs.ts';
