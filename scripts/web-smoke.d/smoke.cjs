// The web build's smoke test (run by scripts/web-smoke, which serves the site):
//   node smoke.cjs BASE_URL WORK_FOLDER
// Exits 1 when any check fails; screenshots are written to WORK_FOLDER.
"use strict";
const path = require("path");
const { execFileSync } = require("child_process");

const [base, work] = process.argv.slice(2);
const { chromium } = require(path.resolve(work, "node_modules", "playwright-core"));

let failures = 0;
function check(name, ok, detail) {
    console.log(`${ok ? "ok  " : "FAIL"}  ${name}${detail ? `: ${detail}` : ""}`);
    if (!ok) failures += 1;
}

// ImageMagick: the standard deviation of a picture's pixels (0 = one flat colour).
function deviation(file) {
    return Number(execFileSync("convert", [file, "-colorspace", "Gray", "-format", "%[fx:standard_deviation]", "info:"]).toString());
}

// ImageMagick: the share of pixels that differ between two pictures.
function differing(a, b) {
    let out;
    try {
        out = execFileSync("compare", ["-metric", "AE", "-fuzz", "2%", a, b, "null:"], { stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
        // compare exits 1 when the pictures differ; the count is on stderr.
        out = error.stderr;
    }
    const pixels = Number(String(out).trim().split(/\s/)[0]);
    const size = execFileSync("identify", ["-format", "%w %h", a]).toString().split(" ").map(Number);
    return pixels / (size[0] * size[1]);
}

// Screenshots until two in a row are the same (animations over), at most ~15 s.
async function settled(page, file) {
    let previous = null;
    for (let i = 0; i < 50; i += 1) {
        await page.waitForTimeout(300);
        const shot = await page.locator("#wpk_timeline_canvas").screenshot();
        if (previous && shot.equals(previous)) break;
        previous = shot;
    }
    const target = path.join(work, file);
    require("fs").writeFileSync(target, previous);
    return target;
}

async function open(browser, query, errors) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    const begun = Date.now();
    await page.goto(`${base}/index.html${query}`);
    // The loading note is removed once eframe has started and drawn.
    await page.waitForSelector("#wpk_timeline_loading", { state: "detached", timeout: 60000 });
    return { page, started: Date.now() - begun };
}

(async () => {
    const browser = await chromium.launch({
        executablePath: "/usr/bin/chromium",
        args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
    });
    try {
        // 1. The built-in timeline.
        const errors = [];
        const { page, started } = await open(browser, "", errors);
        console.log(`      (the app started ${started} ms after the page was asked for; not a test)`);
        const start = await settled(page, "web-start.png");
        const spread = deviation(start);
        check("the canvas is not blank", spread > 0.02, `pixel deviation ${spread.toFixed(3)} (> 0.02 wanted), ${start}`);

        // 2. F5 presents, Right steps.
        await page.focus("#wpk_timeline_canvas");
        await page.keyboard.press("F5");
        const present = await settled(page, "web-present.png");
        const fullscreen = await page.evaluate(() => document.fullscreenElement !== null);
        check("presenting asks the browser for full screen", fullscreen, fullscreen ? "" : "document.fullscreenElement is null");
        const presented = differing(start, present);
        check("F5 changes the picture (presentation mode)", presented > 0.05, `${(presented * 100).toFixed(1)}% of pixels differ (> 5% wanted)`);
        await page.keyboard.press("ArrowRight");
        const step = await settled(page, "web-step.png");
        const stepped = differing(present, step);
        check("Right changes the picture (next step)", stepped > 0.01, `${(stepped * 100).toFixed(1)}% of pixels differ (> 1% wanted)`);
        // P: a page has no second window, so no presenter view (its notes would be on the
        // projector); the projector says so instead.
        await page.keyboard.press("p");
        const presenter = await settled(page, "web-presenter.png");
        const presenterText = execFileSync("tesseract", [presenter, "-", "--psm", "3"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
        check(
            "P while presenting says there is no presenter view in a page",
            /presenter view here/.test(presenterText),
            /presenter view here/.test(presenterText) ? "" : `OCR: ${JSON.stringify(presenterText.slice(0, 200))}`,
        );
        check("no console errors", errors.length === 0, errors.join(" | "));
        // Settings are kept in localStorage (the view moved, so they were saved).
        const stored = await page.evaluate(() => window.localStorage.getItem("wpk-timeline/settings.ron"));
        check(
            "settings are kept in localStorage",
            typeof stored === "string" && /version:\s*1/.test(stored),
            stored === null ? "nothing stored under wpk-timeline/settings.ron" : `${stored.length} characters`,
        );
        await page.close();

        // 4. Deep links: ?event= selects (the detail panel shows the title), ?view= zooms.
        const linkErrors = [];
        const linked = await open(browser, "?event=august-plenum&view=1955..1958", linkErrors);
        const linkShot = await settled(linked.page, "web-deep-link.png");
        const moved = differing(start, linkShot);
        check("?event= and ?view= change the picture", moved > 0.05, `${(moved * 100).toFixed(1)}% of pixels differ (> 5% wanted)`);
        const linkText = execFileSync("tesseract", [linkShot, "-", "--psm", "3"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
        check("?event=august-plenum shows the event", /August Plenum/.test(linkText), /August Plenum/.test(linkText) ? "" : `OCR: ${JSON.stringify(linkText.slice(0, 200))}`);
        check("no console errors with deep links", linkErrors.length === 0, linkErrors.join(" | "));
        await linked.page.close();

        // 3. A broken file from the same site shows its line and column.
        const brokenErrors = [];
        const broken = await open(browser, "?file=broken.ron", brokenErrors);
        const shot = await settled(broken.page, "web-broken.png");
        const big = path.join(work, "web-broken-2x.png");
        execFileSync("convert", [shot, "-resize", "200%", big]);
        const text = execFileSync("tesseract", [big, "-", "--psm", "3"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
        const position = text.match(/broken\.ron\s?[:;]\s?(\d+)\s?[:;]\s?(\d+)/);
        check(
            "?file=broken.ron shows its line and column",
            position !== null && position[1] === "42",
            position ? `read "${position[0]}" (line 42 wanted)` : `no "broken.ron:LINE:COLUMN" in the OCR text: ${JSON.stringify(text.slice(0, 300))}`,
        );
        check("no console errors with the broken file", brokenErrors.length === 0, brokenErrors.join(" | "));
        await broken.page.close();

        // 5. The same mistakes in a file dropped on the page (as a person drags it from
        //    their file manager): a DataTransfer with the file, dropped on the canvas.
        const dropErrors = [];
        const dropping = await open(browser, "", dropErrors);
        await settled(dropping.page, "web-before-drop.png");
        await dropping.page.evaluate(async () => {
            const text = await (await fetch("broken.ron")).text();
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], "dropped.ron", { type: "application/octet-stream" }));
            const canvas = document.getElementById("wpk_timeline_canvas");
            for (const type of ["dragenter", "dragover", "drop"]) {
                canvas.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
        });
        const dropShot = await settled(dropping.page, "web-dropped.png");
        const dropBig = path.join(work, "web-dropped-2x.png");
        execFileSync("convert", [dropShot, "-resize", "200%", dropBig]);
        const dropText = execFileSync("tesseract", [dropBig, "-", "--psm", "3"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
        const dropPosition = dropText.match(/dropped\.ron\s?[:;]\s?(\d+)\s?[:;]\s?(\d+)/);
        check(
            "a dropped broken file shows its line and column",
            dropPosition !== null && dropPosition[1] === "42",
            dropPosition ? `read "${dropPosition[0]}" (line 42 wanted)` : `no "dropped.ron:LINE:COLUMN" in the OCR text: ${JSON.stringify(dropText.slice(0, 300))}`,
        );
        check("no console errors when dropping", dropErrors.length === 0, dropErrors.join(" | "));
        await dropping.page.close();

        // 6. Ctrl+O opens the browser's file picker (rfd); the chosen file is read and
        //    opened like any other.
        const pickErrors = [];
        const picking = await open(browser, "", pickErrors);
        await settled(picking.page, "web-before-pick.png");
        await picking.page.focus("#wpk_timeline_canvas");
        const chooser = picking.page.waitForEvent("filechooser", { timeout: 15000 }).catch(() => null);
        await picking.page.keyboard.press("Control+O");
        const picker = await chooser;
        check("Ctrl+O shows the browser's file picker", picker !== null, picker ? "" : "no file chooser within 15 s");
        if (picker) {
            const text = require("fs").readFileSync(path.join(work, "site", "broken.ron"));
            await picker.setFiles({ name: "picked.ron", mimeType: "application/octet-stream", buffer: text });
            const pickShot = await settled(picking.page, "web-picked.png");
            const pickBig = path.join(work, "web-picked-2x.png");
            execFileSync("convert", [pickShot, "-resize", "200%", pickBig]);
            const pickText = execFileSync("tesseract", [pickBig, "-", "--psm", "3"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
            const pickPosition = pickText.match(/picked\.ron\s?[:;]\s?(\d+)\s?[:;]\s?(\d+)/);
            check(
                "a picked broken file shows its line and column",
                pickPosition !== null && pickPosition[1] === "42",
                pickPosition ? `read "${pickPosition[0]}" (line 42 wanted)` : `no "picked.ron:LINE:COLUMN" in the OCR text: ${JSON.stringify(pickText.slice(0, 300))}`,
            );
        }
        check("no console errors when picking", pickErrors.length === 0, pickErrors.join(" | "));
        await picking.page.close();

        // 7. Damaged stored settings are kept aside and the defaults used (never lost);
        //    a ?file= that is not on the server says so in the file's message.
        const keptErrors = [];
        const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
        await context.addInitScript(() => {
            if (!sessionStorage.getItem("seeded")) {
                sessionStorage.setItem("seeded", "1");
                localStorage.setItem("wpk-timeline/settings.ron", "(version: 1, theme: Purple");
            }
        });
        const kept = await context.newPage();
        kept.on("console", (message) => { if (message.type() === "error") keptErrors.push(message.text()); });
        kept.on("pageerror", (error) => keptErrors.push(String(error)));
        await kept.goto(`${base}/index.html?file=not-there.ron`);
        await kept.waitForSelector("#wpk_timeline_loading", { state: "detached", timeout: 60000 });
        const missingShot = await settled(kept, "web-missing.png");
        const aside = await kept.evaluate(() => localStorage.getItem("wpk-timeline/settings.ron.bad"));
        check("damaged stored settings are kept aside", aside === "(version: 1, theme: Purple", JSON.stringify(aside));
        const missingText = execFileSync("tesseract", [missingShot, "-", "--psm", "3"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
        check("a ?file= the server lacks says 404", /not-there\.ron/.test(missingText) && /404/.test(missingText), /404/.test(missingText) ? "" : `OCR: ${JSON.stringify(missingText.slice(0, 300))}`);
        // The browser itself reports the failed fetch (404) as a console error; nothing else may.
        const others = keptErrors.filter((text) => !/404/.test(text));
        check("no other console errors", others.length === 0, others.join(" | "));
        await context.close();
    } finally {
        await browser.close();
    }
    if (failures > 0) {
        console.error(`web-smoke: ${failures} check(s) failed; screenshots in ${work}/`);
        process.exit(1);
    }
    console.log(`web-smoke: all checks passed; screenshots in ${work}/`);
})().catch((error) => {
    console.error(error);
    process.exit(1);
});
