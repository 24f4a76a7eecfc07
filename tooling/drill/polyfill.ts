// aws-local-stepfunctions 3 calls Promise.withResolvers (Node 22+). On Node 20 every Task would fail
// with a TypeError that States.ALL catches, and scenarios would pass for the wrong reason. Import this
// module before the library.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export {};
