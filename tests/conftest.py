import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The build hook's module holds the sandbox that snippets run in; tests use the same one.
sys.path.insert(0, str(ROOT / "hooks"))
