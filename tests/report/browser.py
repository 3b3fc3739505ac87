"""Headless Chromium driven over the Chrome DevTools Protocol (one websocket, flat sessions): load a
page, collect console errors and uncaught exceptions, evaluate JavaScript, click, take screenshots.

Chromium is the Debian package (``/usr/bin/chromium``; ``.ci/run`` installs it). WebGL runs on
SwiftShader (``--enable-unsafe-swiftshader``: the page is our own report, read from disk).
"""
import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import websocket

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-port=0",
         "--allow-file-access-from-files"]


class Browser:
    def __init__(self, width=1400, height=1000, timeout_s=60.0):
        self.profile = tempfile.mkdtemp(prefix="farside-chromium-")
        self.process = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.timeout_s = timeout_s
        self.ids = itertools.count(1)
        self.events = []
        self.socket = websocket.create_connection(self._browser_url(), timeout=timeout_s, suppress_origin=True)
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=True)
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def _browser_url(self) -> str:
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout_s
        while not port_file.is_file() or len(port_file.read_text().splitlines()) < 2:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{CHROMIUM} did not open its DevTools port")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        return f"ws://127.0.0.1:{port}{path}"

    def send(self, method, session=False, **params):
        """Send one command and return its result (events received meanwhile are kept)."""
        number = next(self.ids)
        message = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url, ready="true"):
        """Navigate to ``url`` and wait until the JavaScript expression ``ready`` is true."""
        self.send("Page.navigate", session=True, url=url)
        self.wait_for(ready)

    def wait_for(self, expression, timeout_s=None):
        deadline = time.monotonic() + (timeout_s or self.timeout_s)
        while not self.evaluate(f"Boolean({expression})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{expression} still false after {timeout_s or self.timeout_s} s")
            time.sleep(0.2)

    def errors(self) -> list:
        """Console errors, uncaught exceptions and error log entries seen so far."""
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(params["exceptionDetails"].get("exception", {}).get("description")
                           or params["exceptionDetails"].get("text"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(params["entry"].get("text"))
        return out

    def rectangle(self, selector) -> dict:
        """Scroll ``selector`` into view; its box in CSS pixels of the viewport (``x``, ``y``) and of
        the page (``page_x``, ``page_y``, for screenshots)."""
        return self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
                             "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); "
                             "return {x: r.x, y: r.y, width: r.width, height: r.height, "
                             "page_x: r.x + window.scrollX, page_y: r.y + window.scrollY}; })()")

    def click(self, x, y):
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", session=True, type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, rectangle=None) -> bytes:
        """PNG of the viewport, or of ``rectangle`` (CSS pixels)."""
        params = {"format": "png"}
        if rectangle:
            params["clip"] = {"x": rectangle["page_x"], "y": rectangle["page_y"], "width": rectangle["width"],
                              "height": rectangle["height"], "scale": 1}
        return base64.b64decode(self.send("Page.captureScreenshot", session=True, **params)["data"])

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, websocket.WebSocketException, OSError):
            pass
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)
