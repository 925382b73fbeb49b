import { describe, expect, it } from 'vitest';
import { createTestApp, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase } from '../helpers/test-database';

/** The pages the Teams manifest links to as privacy statement and terms of use. */
describe('privacy and terms pages', () => {
  useTestDatabase();

  it.each([
    ['/privacy', 'プライバシーに関する説明'],
    ['/terms', '利用規約'],
  ])('%s is a Japanese HTML page without a sign-in', async (path, heading) => {
    const app = await createTestApp(await getTestDatabase());
    const response = await app.inject({ url: path });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<html lang="ja">');
    expect(response.body).toContain(`<h1>${heading}</h1>`);
    // The CSP forbids inline code: no script at all, and styles only from the stylesheet.
    expect(response.body).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('serves the stylesheet the pages link to, and the pages link each other', async () => {
    const app = await createTestApp(await getTestDatabase());
    const privacy = await app.inject({ url: '/privacy' });
    expect(privacy.body).toContain('href="/legal.css"');
    expect(privacy.body).toContain('href="/terms"');
    const css = await app.inject({ url: '/legal.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('main{');
  });
});
