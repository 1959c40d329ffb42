#!/usr/bin/env python3
"""Fails when modules of one crate of the workspace (src/ and each crates/*/src) import each other
in a cycle (the crate graph itself the compiler keeps acyclic).

Reads every `use` tree and every inline path that starts with `crate::`, `super::` or `self::`
(and, in a `use`, a child module's name), resolves re-exports (`pub use`) to the module that
defines the item, and draws an edge between the two sibling modules under the deepest module
both paths share: `store::correct` using `crate::store::write::now` is the edge
`correct -> write` inside `store`; `store::write` using `crate::export::..` is `store -> export`
at the top. A module using its own ancestor or descendant is containment, not an edge.
Code under `#[cfg(test)]` counts too: a unit test lives in its crate.

Usage: tools/check-modules.py [--edges] [SRC_DIR]   (without SRC_DIR: every crate)
  --edges   also print the top-level edges with one place each comes from
Exit 0 when every sibling graph is acyclic; 1 otherwise (each cycle printed with the imports that
make it). There is no list of allowed cycles: a cycle is broken by moving what both sides need
into a module of its own.
"""

import os
import re
import signal
import sys
from collections import defaultdict

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
KEYWORDS_ITEM = re.compile(
    r"\b(?:fn|struct|enum|trait|type|const|static|union)\s+(" + IDENT + r")"
)
MACRO_DEF = re.compile(r"macro_rules!\s*(" + IDENT + r")")


def strip(src):
    """Blanks comments, string and char literals (keeping newlines, so line numbers hold)."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif src.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif re.match(r"b?r#*\"", src[i:i + 40]) and (i == 0 or not re.match(r"\w", src[i - 1])):
            m = re.match(r"b?r(#*)\"", src[i:])
            close = '"' + m.group(1)
            j = src.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            out.append('""' + re.sub(r"[^\n]", " ", src[i + 2:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            j += 1
            out.append('""' + re.sub(r"[^\n]", " ", src[i + 2:j]))
            i = j
        elif c == "'":
            if src.startswith("\\", i + 1):
                j = src.find("'", i + 3) + 1
                out.append(" " * (j - i))
                i = j
            elif i + 2 < n and src[i + 2] == "'":
                out.append("   ")
                i += 3
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Module:
    def __init__(self, path, file):
        self.path = tuple(path)
        self.file = file
        self.children = {}
        self.items = set()
        self.reexports = {}  # name -> absolute path (tuple)
        self.globs = []  # absolute module paths
        self.uses = []  # (raw path segments, line, is_use)


def module_files(src_dir):
    """Maps module path -> file for the crate rooted at lib.rs."""
    files = {(): os.path.join(src_dir, "lib.rs")}
    for root, _dirs, names in os.walk(src_dir):
        for name in names:
            if not name.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(root, name), src_dir)
            parts = rel[:-3].split(os.sep)
            if parts in (["lib"], ["main"]) or parts[0] == "bin":
                continue
            if parts[-1] == "mod":
                parts = parts[:-1]
            files[tuple(parts)] = os.path.join(root, name)
    return files


def expand_use(tree):
    """Expands `a::{b, c::{d, e as f}, self}` into lists of segments."""
    tree = re.sub(r"\s+as\s+" + IDENT, "", tree)  # `a::b as c` names a::b
    tree = re.sub(r"\s+", "", tree)
    out = []

    def walk(prefix, t):
        parts, depth, cur = [], 0, ""
        for ch in t:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
            else:
                cur += ch
        if cur:
            parts.append(cur)
        for p in parts:
            if "{" in p:
                head, inner = p.split("{", 1)
                inner = inner[: inner.rfind("}")]
                head_segs = [s for s in head.split("::") if s]
                walk(prefix + head_segs, inner)
            else:
                segs = [s for s in p.split("::") if s]
                if segs and segs[-1] == "self":
                    segs = segs[:-1]
                out.append(prefix + segs)

    walk([], tree)
    return out


USE_STMT = re.compile(r"\b(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);")
INLINE_PATH = re.compile(r"(?<![\w:$])(crate|super|self)((?:\s*::\s*" + IDENT + r")+)")
INLINE_MOD = re.compile(r"\bmod\s+(" + IDENT + r")\s*\{")


def parse(modules, mod_path, file):
    text = strip(open(file, encoding="utf-8").read())
    line_of = lambda pos: text.count("\n", 0, pos) + 1
    # Inline modules: their spans, so uses inside them get the inner path.
    spans = []  # (start, end, path)
    for m in INLINE_MOD.finditer(text):
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        spans.append((m.start(), j, m.group(1)))

    def module_at(pos):
        path = list(mod_path)
        for start, end, name in spans:
            if start <= pos < end:
                path.append(name)
        return tuple(path)

    for start, _end, _name in spans:
        p = module_at(start + 1)
        modules.setdefault(p, Module(p, file))
        modules[p[:-1]].children[p[-1]] = modules[p]
    use_spans = []
    for m in USE_STMT.finditer(text):
        owner = modules[module_at(m.start())]
        use_spans.append((m.start(), m.end()))
        for segs in expand_use(m.group(2)):
            if not segs:
                continue
            if m.group(1) and segs[-1] == "*":
                owner.globs.append(("rel", segs[:-1]))
            elif m.group(1):
                owner.reexports[segs[-1]] = ("rel", segs)
            owner.uses.append((segs, line_of(m.start()), True))
    for m in INLINE_PATH.finditer(text):
        if any(s <= m.start() < e for s, e in use_spans):
            continue
        segs = [m.group(1)] + [s.strip() for s in m.group(2).split("::") if s.strip()]
        modules[module_at(m.start())].uses.append((segs, line_of(m.start()), False))
    for m in KEYWORDS_ITEM.finditer(text):
        modules[module_at(m.start())].items.add(m.group(1))
    for m in MACRO_DEF.finditer(text):
        modules[module_at(m.start())].items.add(m.group(1))
        exported = re.search(r"#\[macro_export\]\s*$", text[: m.start()])
        if exported:
            modules[()].reexports[m.group(1)] = ("abs", list(module_at(m.start())) + [m.group(1)])


def absolute(modules, owner, segs, is_use):
    """Turns a path as written in `owner` into an absolute path, or None (another crate)."""
    base = list(owner)
    segs = list(segs)
    if segs[0] == "crate":
        return segs[1:]
    if segs[0] in ("self", "super"):
        while segs and segs[0] in ("self", "super"):
            if segs.pop(0) == "super":
                base = base[:-1]
        return base + segs
    if is_use and segs[0] in modules[tuple(owner)].children:
        return base + segs
    return None


def resolve(modules, path, seen=None):
    """Returns the module that defines the item `path` names."""
    seen = seen or set()
    cur = ()
    for i, seg in enumerate(path):
        mod = modules[cur]
        if seg in mod.children:
            cur = cur + (seg,)
            continue
        if seg in mod.items or seg == "*":
            return cur
        if seg in mod.reexports and (cur, seg) not in seen:
            seen.add((cur, seg))
            kind, target = mod.reexports[seg]
            target = target if kind == "abs" else absolute(modules, cur, target, True)
            if target is not None:
                return resolve(modules, list(target) + list(path[i + 1:]), seen)
            return cur
        for kind, g in mod.globs:
            g = absolute(modules, cur, g, True)
            if g is not None and (cur, "*", tuple(g)) not in seen:
                seen.add((cur, "*", tuple(g)))
                found = resolve(modules, list(g) + [seg], seen)
                if found is not None and seg in modules[found].items | set(modules[found].children):
                    return found
        return cur
    return cur


def crate_edges(src_dir):
    """The sibling edges of one crate: parent module -> {(a, b): "file:line"}."""
    files = module_files(src_dir)
    modules = {p: Module(p, f) for p, f in files.items()}
    for p in sorted(modules, key=len):
        if p:
            modules.setdefault(p[:-1], Module(p[:-1], None)).children[p[-1]] = modules[p]
    for p, f in sorted(files.items()):
        parse(modules, p, f)

    edges = defaultdict(dict)
    for owner in list(modules.values()):
        for segs, line, is_use in owner.uses:
            path = absolute(modules, owner.path, segs, is_use)
            if path is None:
                continue
            target = resolve(modules, path)
            src = owner.path
            k = 0
            while k < min(len(src), len(target)) and src[k] == target[k]:
                k += 1
            if k == len(src) or k == len(target):
                continue  # ancestor or descendant
            parent = src[:k]
            where = "%s:%d" % (os.path.relpath(owner.file), line)
            edges[parent].setdefault((src[k], target[k]), where)
    return edges, len(modules)


def workspace_crates(root):
    """(name, src dir) of the root package and of every crate under crates/."""
    out = [("claimledger", os.path.join(root, "src"))]
    crates = os.path.join(root, "crates")
    for name in sorted(os.listdir(crates)) if os.path.isdir(crates) else []:
        src = os.path.join(crates, name, "src")
        if os.path.exists(os.path.join(src, "lib.rs")):
            out.append((name, src))
    return out


def main(argv):
    show_edges = "--edges" in argv
    args = [a for a in argv if not a.startswith("--")]
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    crates = [("crate", os.path.normpath(args[0]))] if args else workspace_crates(root)
    failed, count = 0, 0
    for name, src_dir in crates:
        edges, n = crate_edges(src_dir)
        count += n
        if show_edges:
            print("top-level edges of %s:" % name)
            for (a, b), where in sorted(edges[()].items()):
                print("  %-12s -> %-12s (%s)" % (a, b, where))
        for parent, es in sorted(edges.items()):
            for scc in strongly_connected(es):
                scope = "::".join((name,) + parent)
                failed += 1
                print("cycle inside %s: %s" % (scope, " <-> ".join(sorted(scc))))
                for (a, b), where in sorted(es.items()):
                    if a in scc and b in scc:
                        print("  %s -> %s  (%s)" % (a, b, where))
    if failed:
        print("%d problem(s) with module cycles" % failed)
        return 1
    print("no module cycles (%d crates, %d modules)" % (len(crates), count))
    return 0


def strongly_connected(edges):
    graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = set()
            while True:
                w = stack.pop()
                on.discard(w)
                scc.add(w)
                if w == v:
                    break
            if len(scc) > 1:
                out.append(scc)

    for v in list(graph):
        if v not in index:
            visit(v)
    return out


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    sys.exit(main(sys.argv[1:]))
