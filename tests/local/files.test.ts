import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { cleanFileName, parseMultipart } from '../../scripts/local/files';
import { createLocalServer } from '../../scripts/local/server';
import { fileRef } from '../../typings/contracts/common';
import { proposals } from '../../typings/contracts/proposals';
import { makeHarness, type Harness } from '../support/harness';

describe('the local runtime’s file store', () => {
  let h: Harness;
  let server: Server;
  let base: string;
  let dir: string;

  const start = async (trustOpenidHeader = true) => {
    server = createLocalServer({
      services: h.services,
      functions: FUNCTIONS,
      trustOpenidHeader,
      filesDir: dir,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const upload = (bytes: Uint8Array, fileName: string, openid?: string, name?: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), fileName);
    if (name !== undefined) form.append('name', name);
    return fetch(`${base}/api/files`, {
      method: 'POST',
      headers: openid ? { 'x-wx-openid': openid } : {},
      body: form,
    });
  };
  const download = (id: string, openid = 'demo-member-01') =>
    fetch(`${base}/files/${id}`, { headers: { 'x-wx-openid': openid } });

  beforeEach(async () => {
    h = await makeHarness();
    dir = mkdtempSync(join(tmpdir(), 'local-files-'));
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back the same bytes it was given, with a content type from the name', async () => {
    await start();
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const res = await upload(bytes, 'report.pdf', 'demo-staff', '常委会工作报告.pdf');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: true; data: { fileId: string; name: string } };
    expect(body).toMatchObject({ ok: true, data: { name: '常委会工作报告.pdf' } });
    const id = /^local:\/\/([a-f0-9]{32})$/.exec(body.data.fileId)?.[1];
    expect(id).toBeDefined();
    const got = await download(id!);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    expect(readdirSync(dir).sort()).toEqual([id, `${id}.json`]);
  });

  it('refuses callers without an identity, and outside development mode', async () => {
    await start();
    const res = await upload(new Uint8Array([1, 2, 3]), 'a.txt');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.NO_IDENTITY' } });
    await new Promise((resolve) => server.close(resolve));
    await start(false);
    expect((await upload(new Uint8Array([1]), 'a.txt', 'demo-staff')).status).toBe(401);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file over 20 MB', async () => {
    await start();
    const res = await upload(new Uint8Array(20 * 1024 * 1024 + 1), 'big.pdf', 'demo-staff');
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'REQUEST.TOO_LARGE' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a hostile name out of the path', async () => {
    await start();
    const res = await upload(new Uint8Array([7, 7]), '../../etc/passwd', 'demo-staff');
    const body = (await res.json()) as { data: { fileId: string; name: string } };
    expect(body.data.name).toBe('passwd');
    const id = body.data.fileId.slice('local://'.length);
    expect(readdirSync(dir).sort()).toEqual([id, `${id}.json`]);
    const got = await download(id);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(new Uint8Array([7, 7]));
    expect(cleanFileName('..')).toBe('file');
    expect(cleanFileName('a\\b\u0000c.doc')).toBe('bc.doc');
  });

  it('answers 404 for an unknown or malformed id', async () => {
    await start();
    expect((await download('0'.repeat(32))).status).toBe(404);
    expect((await download('..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    const res = await download('nothing');
    expect(await res.json()).toMatchObject({ ok: false, error: { message: '未找到该文件' } });
  });

  it('reads a multipart body with a quoted boundary', () => {
    const body = Buffer.from(
      '--xy\r\nContent-Disposition: form-data; name="name"\r\n\r\n议程.docx\r\n' +
        '--xy\r\nContent-Disposition: form-data; name="file"; filename="tmp.docx"\r\n' +
        'Content-Type: application/octet-stream\r\n\r\nAB\r\nCD\r\n--xy--\r\n',
    );
    const parts = parseMultipart(body, 'multipart/form-data; boundary="xy"');
    expect(parts?.map((p) => [p.name, p.filename, p.body.toString()])).toEqual([
      ['name', null, '议程.docx'],
      ['file', 'tmp.docx', 'AB\r\nCD'],
    ]);
    expect(parseMultipart(body, 'application/json')).toBeNull();
  });
});

describe('file ids in the contracts', () => {
  it('accepts only cloud:// and local://<id>', () => {
    const ok = (fileId: string) => fileRef.safeParse({ fileId, name: 'a.pdf' }).success;
    expect(ok('cloud://env-1.7065/uploads/2025/x-a.pdf')).toBe(true);
    expect(ok(`local://${'a'.repeat(32)}`)).toBe(true);
    expect(ok('http://tmp/a.pdf')).toBe(false);
    expect(ok('local://../../etc/passwd')).toBe(false);
    expect(ok('')).toBe(false);
    const parsed = proposals.saveDraft.input.safeParse({
      clientDraftId: 'dabcdefgh123',
      revision: 1,
      attachments: [{ fileId: 'wxfile://tmp_abc.pdf', name: 'a.pdf' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('文件须先上传，再添加');
  });
});
