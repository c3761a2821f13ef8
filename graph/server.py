"""A local Neo4j 5 community server assembled from Maven Central jars: install, start, stop, inspect."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coopgraph.exceptions import ServerError

NEO4J_VERSION = "5.26.30"  # newest 5.26 LTS patch on Maven Central when this was written
BROWSER_VERSION = "5.24.0"  # the last neo4j-browser published to Maven Central
MIN_JAVA = 17  # 5.26 runs on 17; the 2025.x line would need 21
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"

# Why 2g + 2g: the target machine has 24 GB and 2 cores and also runs the Python NLP pipeline, tests may
# run a second server beside a developer's one, and the graph (thousands of articles) has a store of tens
# of MB, so a 2 GB page cache holds it whole many times over and a 2 GB heap is ample for Cypher on it.
DEFAULT_HEAP = "2g"
DEFAULT_PAGECACHE = "2g"

# The flags the 5.26 tarball sets through `server.jvm.additional` in its default neo4j.conf; the launcher
# itself adds only -Dfile.encoding and the heap. -XX:+AlwaysPreTouch is left out on purpose: touching
# the whole heap up front costs start time and resident memory, which a dev server does not need.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

START_TIMEOUT = 180.0  # a cold JVM on 2 busy cores needs 15-40 s; leave room for a loaded CI machine
STOP_TIMEOUT = 60.0
DOWNLOAD_TIMEOUT = 1800.0


def bolt_uri_for(port: int) -> str:
    return f"bolt://127.0.0.1:{port}"


def browser_url_for(port: int, bolt_port: int | None = None, user: str = "neo4j") -> str:
    """Browser's address; with the Bolt port, the connect form comes filled in (URL and user)."""
    url = f"http://127.0.0.1:{port}/browser/"
    return url + f"?dbms=neo4j://{user}@127.0.0.1:{bolt_port}" if bolt_port else url


# Where the server serves the project's Browser files (graph/browser/), inside its own Browser (see write_web).
WEB_FILES = ("style.grass", "guide.html", "favorites.zip")
WEB_PREFIX = "browser/coopgraph/"
BROWSER_ZIP = "neo4j-browser.zip"


def web_url_for(port: int, name: str) -> str:
    return f"http://127.0.0.1:{port}/{WEB_PREFIX}{name}"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    home: Path
    version: str | None
    browser_version: str | None
    bolt_port: int
    http_port: int
    store_bytes: int
    tx_log_bytes: int

    @property
    def bolt_uri(self) -> str:
        return bolt_uri_for(self.bolt_port)

    @property
    def browser_url(self) -> str:
        return browser_url_for(self.http_port, self.bolt_port)


@dataclass(frozen=True)
class StartResult:
    already_running: bool
    pid: int
    seconds: float
    downloaded: bool = False


# ---------------------------------------------------------------------------------------------- locations


def default_cache_dir() -> Path:
    """`$COOPGRAPH_HOME`, else `~/.cache/coopgraph`: outside the repo, shared by every clone."""
    configured = os.environ.get("COOPGRAPH_HOME")
    if configured:
        return Path(configured).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coopgraph"


def default_home(version: str = NEO4J_VERSION) -> Path:
    return default_cache_dir() / f"neo4j-{version}"


# ---------------------------------------------------------------------------------------------- java, maven


def find_java() -> str:
    """The `java` to run Neo4j with: `$JAVA_HOME/bin/java`, else the one on PATH; must be 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not candidate or not os.access(candidate, os.X_OK):
        raise ServerError(
            f"Java {MIN_JAVA}+ is needed to run Neo4j but no `java` was found "
            "(Debian: apt-get install openjdk-17-jre-headless)"
        )
    major = load_java_major(candidate)
    if major < MIN_JAVA:
        raise ServerError(
            f"Java {major} at {candidate} is too old: Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA}+ "
            "(set JAVA_HOME or apt-get install openjdk-17-jre-headless)"
        )
    return candidate


def load_java_major(java: str) -> int:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"cannot run {java} -version: {exc}") from None
    return parse_java_major(out.stderr + out.stdout)


def parse_java_major(text: str) -> int:
    """`openjdk version "17.0.15"` → 17; `java version "1.8.0_362"` → 8."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        first = text.strip().splitlines()[0] if text.strip() else "(nothing)"
        raise ServerError(f"cannot tell the Java version from: {first}")
    major, minor = int(match.group(1)), int(match.group(2) or 0)
    return minor if major == 1 else major


def find_maven() -> str:
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            "Maven (`mvn`) is needed once to download Neo4j from Maven Central but was not found "
            "(Debian: apt-get install maven)"
        )
    return mvn


# ---------------------------------------------------------------------------------------------- install


def format_pom(version: str, browser_version: str) -> str:
    return f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.coopgraph</groupId><artifactId>neo4j-assembly</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{version}</version></dependency>
    <dependency><groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>{browser_version}</version></dependency>
  </dependencies>
</project>
"""


def install_lib(home: Path, version: str = NEO4J_VERSION, browser_version: str = BROWSER_VERSION) -> bool:
    """Download the server and Browser jars into `home/lib` once; returns whether it downloaded now."""
    lib = home / "lib"
    if has_jars(lib, version):
        return False
    home.mkdir(parents=True, exist_ok=True)
    with hold_lock(home / ".install.lock"):
        if has_jars(lib, version):  # another process finished the download while we waited
            return False
        mvn = find_maven()
        partial = home / "lib.partial"
        shutil.rmtree(partial, ignore_errors=True)
        with tempfile.TemporaryDirectory(prefix="coopgraph-pom-") as tmp:
            (Path(tmp) / "pom.xml").write_text(format_pom(version, browser_version), encoding="utf-8")
            run_maven(mvn, Path(tmp), partial, version)
        if not has_jars(partial, version):
            raise ServerError(
                f"Maven finished but {partial} lacks neo4j-{version}.jar; see `mvn -X` in a pom like "
                "graph/server.py:format_pom"
            )
        # Rename last, so an interrupted download never looks like a finished one.
        partial.rename(lib)
    return True


def run_maven(mvn: str, project: Path, output: Path, version: str) -> None:
    command = [mvn, "-B", "-q", "dependency:copy-dependencies", f"-DoutputDirectory={output}", "-DincludeScope=runtime"]
    try:
        done = subprocess.run(
            command, cwd=project, capture_output=True, text=True, timeout=DOWNLOAD_TIMEOUT, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        raise ServerError(
            f"downloading Neo4j {version} from Maven Central took over {DOWNLOAD_TIMEOUT:.0f} s; "
            "check the network and retry"
        ) from None
    if done.returncode != 0:
        raise ServerError(
            f"Maven could not download Neo4j {version} from Maven Central: "
            f"{format_maven_error(done.stdout + done.stderr)}"
        )


def format_maven_error(output: str) -> str:
    errors = [line.removeprefix("[ERROR]").strip() for line in output.splitlines() if line.startswith("[ERROR]")]
    errors = [line for line in errors if line]
    text = errors[0] if errors else (output.strip().splitlines() or ["no output"])[-1]
    return text[:400]


def has_jars(lib: Path, version: str) -> bool:
    return (lib / f"neo4j-{version}.jar").is_file()


def link_lib(home: Path, source: Path) -> None:
    """Point `home/lib` at jars installed elsewhere (tests: reuse the cache, never download twice)."""
    lib = home / "lib"
    if lib.exists() or lib.is_symlink():
        return
    home.mkdir(parents=True, exist_ok=True)
    lib.symlink_to(source.resolve(), target_is_directory=True)


@contextlib.contextmanager
def hold_lock(path: Path) -> Iterator[None]:
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def find_versions(lib: Path) -> tuple[str | None, str | None]:
    """Neo4j and Browser versions from the jar names in `lib`."""
    neo4j = browser = None
    for jar in lib.glob("*.jar") if lib.is_dir() else ():
        if m := re.fullmatch(r"neo4j-(\d+\.\d+\.\d+)\.jar", jar.name):
            neo4j = m.group(1)
        elif m := re.fullmatch(r"neo4j-browser-(\d+\.\d+\.\d+)\.jar", jar.name):
            browser = m.group(1)
    return neo4j, browser


# ---------------------------------------------------------------------------------------------- config


def format_config(home: Path, bolt_port: int, http_port: int, heap: str, pagecache: str) -> str:
    return f"""# Generated by coopgraph (graph/server.py) on every `start`: edit there, not here.
# Loopback only: a dev database with a password in .env must not be reachable from the network.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:{bolt_port}
server.bolt.advertised_address=127.0.0.1:{bolt_port}
server.http.listen_address=127.0.0.1:{http_port}
server.http.advertised_address=127.0.0.1:{http_port}
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false

# 24 GB / 2 cores shared with the NLP pipeline and, in tests, a second server: 2 GB heap + 2 GB page
# cache hold this project's small graph whole; the launcher's JVM is given the same heap via -Xms/-Xmx.
server.memory.heap.initial_size={heap}
server.memory.heap.max_size={heap}
server.memory.pagecache.size={pagecache}

# Without this every database preallocates 256 MB of transaction log: 0.5 GB on disk for an empty server.
db.tx_log.preallocate=false
# Bolt waits 5 s twice for idle event loops on shutdown by default, which made every stop take 12 s; a local
# server has nothing to drain. An internal setting: strict config validation will flag it if a version drops it.
internal.dbms.bolt.netty_server_shutdown_quiet_period=1

server.directories.data={home / "data"}
server.directories.logs={home / "logs"}
server.directories.plugins={home / "plugins"}
server.directories.import={home / "import"}
server.directories.run={home / "run"}

# Neo4j Browser ready on connect (docs/browser.md): after login it loads the project's style and opens its
# guide, both served by this server from its own Browser (web/{BROWSER_ZIP}, see write_web); it may fetch
# remote content from this machine only, and sends no usage data (which also hides the consent banner).
browser.post_connect_cmd={format_post_connect(http_port)}
browser.remote_content_hostname_whitelist=127.0.0.1,localhost
client.allow_telemetry=false
# Community has no browser.allow_outgoing_connections, and Browser then loads analytics and changelog
# scripts and web fonts from the internet: this policy (the default one without those hosts) blocks them.
dbms.security.http_static_content_security_policy_header={BROWSER_CSP}
"""


# 5.26's default policy minus cdn.segment.com, canny.io, api.canny.io, api.segment.io, guides.neo4j.com and
# Google's fonts; Bolt over WebSocket may still reach any server the user connects Browser to.
BROWSER_CSP = (
    "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; "
    "connect-src 'self' ws: wss: http://127.0.0.1:* http://localhost:* https://127.0.0.1:* https://localhost:*"
)


def format_post_connect(http_port: int) -> str:
    """Browser runs these after login, each as `:<command>`, after its own `:play start`: clear that away, load
    our style, open our guide."""
    return f"clear; style {web_url_for(http_port, 'style.grass')}; play {web_url_for(http_port, 'guide.html')}"


def parse_config_ports(text: str) -> tuple[int | None, int | None]:
    bolt = re.search(r"^server\.bolt\.listen_address=.*:(\d+)\s*$", text, re.M)
    http = re.search(r"^server\.http\.listen_address=.*:(\d+)\s*$", text, re.M)
    return (int(bolt.group(1)) if bolt else None, int(http.group(1)) if http else None)


# ---------------------------------------------------------------------------------------------- Browser files


def find_browser_jar(lib: Path) -> Path | None:
    jars = sorted(lib.glob("neo4j-browser-*.jar")) if lib.is_dir() else []
    return jars[-1] if jars else None


def load_web_files() -> dict[str, bytes]:
    """The project's style, guide and favourites, as generated into graph/browser/ (package data)."""
    from importlib import resources

    folder = resources.files("coopgraph.graph.browser")
    return {name: folder.joinpath(name).read_bytes() for name in WEB_FILES}


def write_web(jar: Path, web_dir: Path, files: dict[str, bytes]) -> Path:
    """`web_dir/neo4j-browser.zip`: the Browser jar's `browser/` folder with our files in `browser/coopgraph/`.

    Neo4j 5.26 serves a `neo4j-browser*.zip` found in its web folder at /browser/ instead of the jar's copy:
    it unpacks the archive and serves its first entry, so `browser/` comes first, and every folder before
    what it holds (the unpacking creates one folder at a time). Rebuilt only when the jar or a file changed.
    """
    target = web_dir / BROWSER_ZIP
    stamp = hashlib.sha256(f"{jar.name}:{jar.stat().st_size}".encode())
    for name, data in sorted(files.items()):
        stamp.update(name.encode() + b"\0" + data)
    stamp_file = web_dir / ".stamp"
    if target.is_file() and stamp_file.is_file() and stamp_file.read_text() == stamp.hexdigest():
        return target
    web_dir.mkdir(parents=True, exist_ok=True)
    partial = web_dir / (BROWSER_ZIP + ".partial")
    with zipfile.ZipFile(jar) as source, zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as out:
        entries = [i for i in source.infolist() if i.filename.startswith("browser/")]
        names = [i.filename for i in entries] + [WEB_PREFIX]
        # every folder of every entry, parents first (a parent's name is shorter than its child's)
        folders = sorted({n[: i + 1] for n in names for i, c in enumerate(n) if c == "/"}, key=len)
        for folder in folders:
            out.writestr(zipfile.ZipInfo(folder, date_time=(2025, 1, 1, 0, 0, 0)), b"")
        for info in entries:
            if not info.is_dir():
                # stored, not deflated: the server unpacks it at every start; the zip stays a local file
                out.writestr(info.filename, source.read(info), compress_type=zipfile.ZIP_STORED)
        for name, data in sorted(files.items()):
            out.writestr(zipfile.ZipInfo(WEB_PREFIX + name, date_time=(2025, 1, 1, 0, 0, 0)), data)
    partial.replace(target)
    stamp_file.write_text(stamp.hexdigest())
    return target


# ---------------------------------------------------------------------------------------------- ports, processes


def check_port_free(port: int, what: str, option: str) -> None:
    """Fail before starting the JVM when something already listens, instead of a stack trace in the log."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Neo4j binds with SO_REUSEADDR too, so lingering TIME_WAIT sockets must not count as taken.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise ServerError(
                f"port {port} ({what}) on 127.0.0.1 is already taken by another program; choose another with {option}"
            ) from None


def find_free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def find_listen_addresses(port: int) -> list[str]:
    """Local addresses listening on `port`, read from /proc (so no traffic leaves loopback to find out)."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with contextlib.suppress(OSError), open(table, encoding="ascii") as rows:
            next(rows, None)
            for row in rows:
                fields = row.split()
                address, hex_port = fields[1].split(":")
                if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                    found.append(format_proc_address(address, width))
    return found


def format_proc_address(hex_address: str, width: int) -> str:
    raw = bytes.fromhex(hex_address)
    # /proc stores each 32-bit word in host (little-endian) order.
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return socket.inet_ntop(socket.AF_INET if width == 8 else socket.AF_INET6, words)


def is_process_alive(pid: int, marker: str | None = None) -> bool:
    """True for a live (not zombie) process; with `marker`, only if its command line contains it."""
    with contextlib.suppress(ChildProcessError, OSError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:  # our own child that exited: reap it
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    proc = Path(f"/proc/{pid}")
    if not proc.exists():
        return marker is None
    with contextlib.suppress(OSError):
        if proc.joinpath("stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
        if marker is not None:
            return marker in proc.joinpath("cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    return True


def read_tail(path: Path, lines: int) -> list[str]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", errors="replace") as handle:
        return [line.rstrip("\n") for line in deque(handle, maxlen=lines)]


def measure_tree(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += (Path(root) / name).stat().st_size
    return total


def format_bytes(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


# ---------------------------------------------------------------------------------------------- the server


def initial_password_args(password: str) -> str:
    """neo4j-admin's argument file for the first password: "--" ends the options, so that a password that
    starts with "-" (one in 64 generated ones) is the value, not an unknown option."""
    return f"dbms\nset-initial-password\n--\n{quote_argfile(password)}\n"


@dataclass
class LocalServer:
    """One Neo4j home (tarball layout: lib/ conf/ data/ logs/ run/) and the JVM serving it."""

    home: Path
    bolt_port: int = 7687
    http_port: int = 7474
    password: str | None = None
    lib_source: Path | None = None  # reuse jars from here instead of downloading
    heap: str = DEFAULT_HEAP
    pagecache: str = DEFAULT_PAGECACHE
    start_timeout: float = START_TIMEOUT
    stop_timeout: float = STOP_TIMEOUT
    version: str = NEO4J_VERSION
    browser_version: str = BROWSER_VERSION

    def __post_init__(self) -> None:
        self.home = Path(self.home).expanduser().absolute()

    # paths
    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def config_file(self) -> Path:
        return self.home / "conf" / "neo4j.conf"

    @property
    def bolt_uri(self) -> str:
        return bolt_uri_for(self.bolt_port)

    @property
    def browser_url(self) -> str:
        return browser_url_for(self.http_port, self.bolt_port)

    @property
    def web_dir(self) -> Path:
        """Where the server looks for a `neo4j-browser*.zip` to serve instead of the Browser jar's files
        (5.26's internal.dbms.web_dir_path, `web` under the home by default)."""
        return self.home / "web"

    def is_initialised(self) -> bool:
        """Whether the system database exists, after which the initial password can no longer be set."""
        return (self.home / "data" / "databases" / "system").is_dir()

    def is_installed(self) -> bool:
        return self.lib_source is not None or has_jars(self.home / "lib", self.version)

    # lifecycle
    def install(self) -> bool:
        if self.lib_source is not None:
            link_lib(self.home, self.lib_source)
            return False
        return install_lib(self.home, self.version, self.browser_version)

    def find_pid(self) -> int | None:
        """The pid of this home's running JVM, clearing a stale pid file."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        # The trailing space keeps /tmp/a from matching a server of /tmp/ab.
        if is_process_alive(pid, marker=f"--home-dir={self.home} "):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def is_running(self) -> bool:
        return self.find_pid() is not None

    def start(self) -> StartResult:
        """Start the JVM in the background and wait until Bolt and HTTP answer; a no-op if already running."""
        began = time.monotonic()
        pid = self.find_pid()
        if pid is not None:
            return StartResult(already_running=True, pid=pid, seconds=0.0)
        java = find_java()
        downloaded = self.install()
        check_port_free(self.bolt_port, "Bolt", "--bolt-port / NEO4J_BOLT_PORT")
        check_port_free(self.http_port, "HTTP", "--http-port / NEO4J_HTTP_PORT")
        self.write_config()
        if not self.is_initialised():
            self.set_initial_password(java)
        process = self.spawn(java)
        try:
            self.wait_until_ready(process)
        except BaseException:  # Ctrl-C included: a half-started server must not linger unseen
            if process.poll() is None:
                self.stop()
            raise
        return StartResult(
            already_running=False, pid=process.pid, seconds=time.monotonic() - began, downloaded=downloaded
        )

    def write_config(self) -> None:
        for name in ("conf", "data", "logs", "plugins", "import", "run"):
            (self.home / name).mkdir(parents=True, exist_ok=True)
        self.config_file.write_text(
            format_config(self.home, self.bolt_port, self.http_port, self.heap, self.pagecache), encoding="utf-8"
        )
        jar = find_browser_jar(self.home / "lib")
        if jar is not None:
            write_web(jar, self.web_dir, load_web_files())

    def set_initial_password(self, java: str) -> None:
        """Store the neo4j user's password before the first start, through neo4j-admin's own code."""
        if not self.password:
            raise ServerError("no password for the first start of Neo4j: set NEO4J_PASSWORD (8+ characters)")
        # A picocli @argfile keeps the password out of the process list, where argv is world-readable.
        fd, argfile = tempfile.mkstemp(prefix="pw-", dir=self.home / "run")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(initial_password_args(self.password))
            done = subprocess.run(
                [java, "-Xmx256m", "-cp", self.format_classpath(), ADMIN_CLASS, f"@{argfile}"],
                env=self.format_environment(),
                capture_output=True,
                text=True,
                timeout=120,
                stdin=subprocess.DEVNULL,
            )
        finally:
            os.unlink(argfile)
        if done.returncode != 0:
            raise ServerError(
                f"neo4j-admin could not set the initial password: {format_java_error(done.stderr + done.stdout)}"
            )

    def spawn(self, java: str) -> subprocess.Popen[bytes]:
        command = [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            "-cp",
            self.format_classpath(),
            MAIN_CLASS,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
            "--console-mode",
        ]
        with open(self.log_file, "a", encoding="utf-8") as log:
            log.write(f"--- coopgraph: starting Neo4j {self.version} at {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
            log.flush()
            # A new session: Ctrl-C in the terminal that ran `coopgraph server start` must not reach the JVM.
            process = subprocess.Popen(
                command,
                cwd=self.home,
                env=self.format_environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.pid_file.write_text(f"{process.pid}\n")
        return process

    def format_classpath(self) -> str:
        return os.pathsep.join(str(self.home / d / "*") for d in ("plugins", "conf", "lib"))

    def format_environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_PASSWORD", "NEO4J_AUTH")}
        env.update(NEO4J_HOME=str(self.home), NEO4J_CONF=str(self.home / "conf"))
        return env

    def wait_until_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServerError(
                    f"Neo4j exited during start (exit code {process.returncode}); "
                    f"last log lines: {format_log_excerpt(read_tail(self.log_file, 4))}; "
                    f"full log: {self.log_file}"
                )
            if self.probe_bolt() and self.probe_http():
                return
            time.sleep(0.5)
        raise ServerError(
            f"Neo4j did not answer on {self.bolt_uri} within {self.start_timeout:.0f} s and was "
            f"stopped; last log lines: {format_log_excerpt(read_tail(self.log_file, 3))}"
        )

    def probe_bolt(self) -> bool:
        """Whether Bolt answers a login; a wrong password means the home was initialised with another one."""
        import neo4j
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

        auth = ("neo4j", self.password or "")
        try:
            with neo4j.GraphDatabase.driver(self.bolt_uri, auth=auth, connection_timeout=2.0) as driver:
                driver.verify_connectivity()
            return True
        except AuthError:
            if self.password is None:
                return True  # nothing to check against; Bolt did answer
            raise ServerError(
                f"Neo4j is running at {self.bolt_uri} but rejects NEO4J_PASSWORD: {self.home} was "
                "initialised with another password (use that one, or delete its data/ to start afresh)"
            ) from None
        except (ServiceUnavailable, SessionExpired, OSError):
            return False

    def probe_http(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/", timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> bool:
        """SIGTERM the JVM and wait for its clean shutdown, SIGKILL after `stop_timeout`; False if not running."""
        pid = self.find_pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        if not wait_for_exit(pid, self.stop_timeout):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            wait_for_exit(pid, 10.0)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> ServerStatus:
        pid = self.find_pid()
        version, browser = find_versions(self.home / "lib")
        bolt, http = self.load_ports()
        data = self.home / "data"
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            home=self.home,
            version=version,
            browser_version=browser,
            bolt_port=bolt,
            http_port=http,
            store_bytes=measure_tree(data / "databases" / "neo4j"),
            tx_log_bytes=measure_tree(data / "transactions" / "neo4j"),
        )

    def load_ports(self) -> tuple[int, int]:
        """Ports of the running server come from the config it was started with, not from today's options."""
        with contextlib.suppress(OSError):
            bolt, http = parse_config_ports(self.config_file.read_text(encoding="utf-8"))
            if self.is_running():
                return bolt or self.bolt_port, http or self.http_port
        return self.bolt_port, self.http_port

    def read_log(self, lines: int = 50) -> list[str]:
        return read_tail(self.log_file, lines)


def wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_process_alive(pid):
            return True
        time.sleep(0.2)
    return not is_process_alive(pid)


def quote_argfile(value: str) -> str:
    """Quote one argument for a picocli @argfile: double quotes, with `\\` and `"` escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_java_error(output: str) -> str:
    """The message of the first exception in Java output, not the last line of its stack trace."""
    for line in output.splitlines():
        if m := re.match(r"^\S*(?:Exception|Error)\S*: (.+)", line.strip()):
            return m.group(1)[:400]
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1][:400] if lines else "no output"


def format_log_excerpt(lines: list[str]) -> str:
    kept = [re.sub(r"\s+", " ", line).strip() for line in lines if line.strip()]
    return " | ".join(kept)[-600:] or "(log is empty)"
