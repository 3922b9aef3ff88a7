import platform
from importlib.metadata import version

import keras
import matplotlib
import numpy as np
import tensorflow as tf

# The versions this site was built with; every output on it comes from them.
print("Python", platform.python_version())
#> Python 3.11.7
print("TensorFlow", tf.__version__)
#> TensorFlow 2.21.0
print("Keras", keras.__version__)
#> Keras 3.15.1
print("Keras backend:", keras.backend.backend())
#> Keras backend: tensorflow
print("NumPy", np.__version__)
#> NumPy 2.4.6
print("matplotlib", matplotlib.__version__)
#> matplotlib 3.11.2
# Runtimes some examples choose at their top: Keras 2 (tf-keras), JAX.
print("tf-keras", version("tf-keras"), "| jax", version("jax"))
#> tf-keras 2.21.0 | jax 0.10.2
