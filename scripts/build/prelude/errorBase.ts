/**
 * The `Error` the bundle's code sees: the engine's Error, made subclassable by ES5 code.
 *
 * Why: TypeScript compiles `class AxiosError extends Error` (and our own error classes) to
 * `var _this = Error.call(this, message) || this`. Called as a function, the engine's Error ignores
 * `this` and returns a new plain Error, so the instance would lose its class: no `instanceof`, no
 * prototype methods (axios's `toJSON`). This constructor, called that way on a subclass instance,
 * initializes the instance itself and returns nothing, so `_this` is the instance.
 *
 * Called directly (`new Error(m)` or `Error(m)`) it returns the engine's own error. Its `prototype`
 * IS the engine's `Error.prototype`, so `instanceof Error` holds for every error, native or not.
 * A subclass instance gets `message`, `cause` (from the ES2022 options argument, which an ES5
 * engine ignores) and `stack` as non-enumerable own properties, like the engine's errors; it is
 * not an engine error object inside (`Object.prototype.toString` says `[object Object]`).
 */

type ErrorOptions = { cause?: unknown } | undefined;

function defineHidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function addCause(target: object, options: unknown): void {
  if (typeof options !== 'object' || options === null || !('cause' in options)) return;
  if (!Object.prototype.hasOwnProperty.call(target, 'cause'))
    defineHidden(target, 'cause', (options as { cause: unknown }).cause);
}

/** Creates the subclassable Error over `NativeError` (exported for tests). */
export function createErrorBase(NativeError: ErrorConstructor): ErrorConstructor {
  const ErrorBase = function Error(this: unknown, message?: unknown, options?: ErrorOptions) {
    const direct = !(this instanceof ErrorBase) || Object.getPrototypeOf(this) === NativeError.prototype;
    if (direct) {
      const error = message === undefined ? new NativeError() : new NativeError(String(message));
      addCause(error, options);
      return error;
    }
    if (message !== undefined) defineHidden(this as object, 'message', String(message));
    addCause(this as object, options);
    const stack = new NativeError(message === undefined ? undefined : String(message)).stack;
    if (stack !== undefined) defineHidden(this as object, 'stack', stack);
    return undefined;
  } as unknown as ErrorConstructor;
  (ErrorBase as unknown as { prototype: Error }).prototype = NativeError.prototype;
  return ErrorBase;
}

/** The bundle's `Error`. */
export const ErrorBinding: ErrorConstructor = createErrorBase(Error);
