/** Errors the emulator's own API raises (bad fault specs, bad options): a message naming the field. */

/** Invalid input to the emulator's programmatic or control API. */
export class EmulatorInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorInputError';
  }
}
