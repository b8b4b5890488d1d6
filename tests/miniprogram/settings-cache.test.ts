import type { SettingsView } from '../../typings/contracts';
import { DEFAULT_SETTINGS } from '../../typings/contracts';
import { api } from '../../miniprogram/services/api';
import { SETTINGS_TTL_MS, loadSettings, refreshSettings } from '../../miniprogram/kit/settings';

jest.mock('../../miniprogram/services/api', () => ({ api: { settings: { get: jest.fn() } } }));

const get = api.settings.get as jest.MockedFunction<typeof api.settings.get>;

const view = (version: number): SettingsView => ({
  ...DEFAULT_SETTINGS,
  version,
  updatedAt: null,
  updatedBy: null,
  note: null,
});

let now = Date.parse('2026-03-02T02:00:00.000Z');

beforeEach(() => {
  refreshSettings();
  get.mockReset();
  jest.spyOn(Date, 'now').mockImplementation(() => now);
});

afterEach(() => jest.restoreAllMocks());

describe('loadSettings', () => {
  it('fetches once and serves later callers from memory', async () => {
    get.mockResolvedValue(view(3));
    await expect(loadSettings()).resolves.toEqual(view(3));
    await expect(loadSettings()).resolves.toEqual(view(3));
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith({});
  });

  it('shares one request between concurrent callers', async () => {
    let resolve!: (v: SettingsView) => void;
    get.mockReturnValue(new Promise((r) => (resolve = r)));
    const both = Promise.all([loadSettings(), loadSettings()]);
    resolve(view(1));
    await expect(both).resolves.toEqual([view(1), view(1)]);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('fetches again once 10 minutes have passed', async () => {
    get.mockResolvedValueOnce(view(1)).mockResolvedValueOnce(view(2));
    await loadSettings();
    now += SETTINGS_TTL_MS - 1;
    await expect(loadSettings()).resolves.toEqual(view(1));
    now += 1;
    await expect(loadSettings()).resolves.toEqual(view(2));
    expect(get).toHaveBeenCalledTimes(2);
    expect(SETTINGS_TTL_MS).toBe(10 * 60 * 1000);
  });

  it('fetches again after refreshSettings()', async () => {
    get.mockResolvedValueOnce(view(1)).mockResolvedValueOnce(view(2));
    await loadSettings();
    refreshSettings();
    await expect(loadSettings()).resolves.toEqual(view(2));
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('does not let a request started before refreshSettings() refill the cache', async () => {
    let resolveOld!: (v: SettingsView) => void;
    get
      .mockReturnValueOnce(new Promise((r) => (resolveOld = r)))
      .mockResolvedValueOnce(view(2))
      .mockResolvedValueOnce(view(3));
    const old = loadSettings();
    refreshSettings();
    await expect(loadSettings()).resolves.toEqual(view(2));
    resolveOld(view(1));
    await expect(old).resolves.toEqual(view(1));
    await expect(loadSettings()).resolves.toEqual(view(2));
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('rejects on failure, caches nothing, and tries again on the next call', async () => {
    const error = new Error('offline');
    get.mockRejectedValueOnce(error).mockResolvedValueOnce(view(4));
    const [a, b] = [loadSettings(), loadSettings()];
    await expect(a).rejects.toBe(error);
    await expect(b).rejects.toBe(error);
    await expect(loadSettings()).resolves.toEqual(view(4));
    expect(get).toHaveBeenCalledTimes(2);
  });
});
