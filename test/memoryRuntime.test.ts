import { MemoryContextStore } from '../Packs/Base/Scripts/CommonServer/memoryRuntime';

describe('MemoryContextStore', () => {
  it('refuses a write whose expected version is stale', async () => {
    const store = new MemoryContextStore();
    const first = await store.read();
    expect(await store.write({ a: 1 }, first.version)).toEqual({ data: { a: 1 }, version: 1 });
    expect(await store.write({ a: 2 }, first.version)).toBeUndefined();
    expect(store.data).toEqual({ a: 1 });
  });
});
