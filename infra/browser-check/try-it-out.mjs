// Drives the platform's /docs (Swagger UI) in Debian's headless Chromium, as a frontend developer would:
// Authorize with the OAuth2 password flow (which posts to /token), then "Try it out" on createAssistant, and
// expects the answer Swagger UI shows to be a 201 with the assistant.
//   node try-it-out.mjs <base-url> <email> <password> <assistant-name> <user-data-dir>
// Run by DocsInBrowserIT; Chromium comes from infra/scripts/ensure-chromium. Exits non-zero on any failure.
import puppeteer from "puppeteer-core";

const [baseUrl, email, password, name, userDataDir] = process.argv.slice(2);
if (!userDataDir) {
  console.error("usage: node try-it-out.mjs <base-url> <email> <password> <assistant-name> <user-data-dir>");
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  userDataDir,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) {
      console.error(`${response.request().method()} ${response.url()} answered ${response.status()}`);
    }
  });
  await page.goto(`${baseUrl}/docs`, { waitUntil: "domcontentloaded" });
  await page.waitForSelector(".swagger-ui .info .title");
  console.log(`ok - ${page.url()} shows ${await text(page, ".swagger-ui .info .title")}`);

  await page.click(".swagger-ui .auth-wrapper .authorize");
  const login = await oauthContainer(page);
  await login.$eval("input#oauth_username", (input) => input.focus());
  await page.keyboard.type(email);
  await login.$eval("input#oauth_password", (input) => input.focus());
  await page.keyboard.type(password);
  const authorize = await login.$("button.modal-btn.authorize");
  await authorize.click();
  // once the token is in, the section swaps its Authorize button for Logout; a refusal shows in .errors instead
  await page.waitForSelector(
    '.dialog-ux button[aria-label="Remove authorization"], .dialog-ux .auth-container .errors',
  );
  const refusal = await page.$(".dialog-ux .auth-container .errors");
  if (refusal) {
    throw new Error(`Authorize was refused: ${await refusal.evaluate((e) => e.textContent)}`);
  }
  await page.click(".dialog-ux button.close-modal");
  console.log("ok - authorized through /token");

  const operation = "#operations-Assistants-createAssistant";
  await page.click(`${operation} .opblock-summary`);
  await page.click(`${operation} button.try-out__btn`);
  const body = `${operation} textarea.body-param__text`;
  await page.waitForSelector(body);
  await page.$eval(body, (area) => area.select());
  await page.keyboard.press("Backspace");
  await page.type(body, JSON.stringify({ name }));
  await page.click(`${operation} button.execute`);
  const status = `${operation} .live-responses-table .response .response-col_status`;
  await page.waitForSelector(status);
  const shown = (await text(page, status)).trim();
  const answer = await text(page, `${operation} .live-responses-table .response .response-col_description`);
  if (!shown.startsWith("201") || !answer.includes(name)) {
    throw new Error(`Try it out on createAssistant showed ${shown}: ${answer}`);
  }
  console.log(`ok - Try it out on createAssistant shows ${shown} with "${name}"`);
} finally {
  await browser.close();
}

async function text(page, selector) {
  return page.$eval(selector, (element) => element.textContent ?? "");
}

/** The Authorize dialog's section of the OAuth2 password flow (the dialog also offers the bearer field). */
async function oauthContainer(page) {
  await page.waitForSelector(".dialog-ux input#oauth_username");
  const containers = await page.$$(".dialog-ux .auth-container");
  for (const container of containers) {
    if (await container.$("input#oauth_username")) {
      return container;
    }
  }
  throw new Error("the Authorize dialog offers no password flow");
}
