import os
import subprocess
import sys


def import_tensorflow(**settings):
    """`import tensorflow` in a new Python: its exit code and stderr lines."""
    env = dict(os.environ)
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)  # start from TensorFlow's default
    env.update(settings)
    command = [sys.executable, "-c", "import tensorflow"]
    run = subprocess.run(command, env=env, capture_output=True, text=True)
    return run.returncode, run.stderr.splitlines()


code, default = import_tensorflow()
print("exit code:", code)  # 0: the import worked
#> exit code: 0
print("default stderr empty:", not default)
#> default stderr empty: False
cuda = [line for line in default if "cuda" in line.lower()]
print("mentions CUDA:", bool(cuda))
#> mentions CUDA: True
# A log line starts with its severity: I (information), W, E (error), F.
print(cuda[0][0], cuda[0].split("] ", 1)[1])
#> I Could not find cuda drivers on your machine, GPU will not be used.

code, quiet = import_tensorflow(TF_CPP_MIN_LOG_LEVEL="3")
print("exit code:", code)
#> exit code: 0
print("quiet stderr empty:", not quiet)
#> quiet stderr empty: False
print("quiet prints fewer lines:", len(quiet) < len(default))
#> quiet prints fewer lines: True
print("quiet mentions CUDA:", any("cuda" in line.lower() for line in quiet))
#> quiet mentions CUDA: True
# What the quiet import still prints starts with this notice:
print(" ".join(quiet[0].split()[:6]))
#> WARNING: All log messages before absl::InitializeLog()
