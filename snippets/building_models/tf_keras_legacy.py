import os

# Set before importing keras or tensorflow: tf.keras then means Keras 2.
os.environ["TF_USE_LEGACY_KERAS"] = "1"

import keras
import tensorflow as tf
import tf_keras

keras.utils.set_random_seed(0)

print("tf_keras", tf_keras.__version__, "| keras", keras.__version__)
#> tf_keras 2.21.0 | keras 3.15.1
# tf.keras leads to the Keras 2 classes; `import keras` is still Keras 3.
print(tf.keras.layers.Dense is tf_keras.layers.Dense)
#> True
print(tf.keras.layers.Dense is keras.layers.Dense)
#> False
