// The technician's password for the password screen (HARDWARE.md, president console, fase 2):
// "Do not type the envelope password in a test: it starts the session." The technician types this
// one instead. The console recognises it before anything else: no scrypt, no stick touched, no
// attempt spent, and says the screen and keyboard work. A real envelope password is 100 random
// bits: it is this string with probability 2^-100.
export const TECHNICIAN_TEST_PASSWORD = 'TEST-TEST-TEST-TEST-TEST';

export const TEST_PASSWORD_MESSAGE =
  'Testpaswoord herkend: het paswoordscherm en het toetsenbord werken. De sticks werden niet aangeraakt en er ging geen poging verloren. Het echte paswoord staat in de verzegelde enveloppe en wordt pas op de verkiezingsdag door de voorzitter getypt.';
