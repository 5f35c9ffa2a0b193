/**
 * Approves as a person would in a browser: open the link from the Teams card (the local host signs the request in
 * as DEVHOST_PRINCIPAL_NAME, as App Service authentication would), then submit the page's own form, same-origin.
 * Returns the status of the form post (303 when the decision was recorded).
 */
export async function approveByLink(link: string, comment: string): Promise<number> {
  const page = await fetch(link, { headers: { 'sec-fetch-site': 'none' } });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the approval page answered ${page.status}`);
  const field = (name: string): string => {
    const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
    if (!m?.[1]) throw new Error(`the approval page has no ${name} field (is the approval still open?)`);
    return decodeEntities(m[1]);
  };
  const form = new URLSearchParams({ decision: 'approve', comment, formToken: field('formToken'), evidenceVersion: field('evidenceVersion') });
  const res = await fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: new URL(link).origin },
    body: form.toString(),
  });
  await res.arrayBuffer();
  return res.status;
}

function decodeEntities(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
