import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# In this install, tf.keras hands you the installed Keras 3 package.
print("TensorFlow", tf.__version__)
#> TensorFlow 2.21.0
print("tf.keras", tf.keras.__version__, "| keras", keras.__version__)
#> tf.keras 3.15.1 | keras 3.15.1

# Not a copy: the very same classes.
print(tf.keras.layers.Dense is keras.layers.Dense)
#> True
print(tf.keras.Model is keras.Model)
#> True
