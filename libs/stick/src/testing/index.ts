// Test helpers shared by @ovs/stick and the apps that write sticks.
export * from './faulty-io.ts';
