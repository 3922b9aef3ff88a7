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

# But tf.keras is not the keras module itself: it is a separate namespace,
# a module of its own with its own name.
print(tf.keras is keras, tf.keras.__name__)
#> False keras._tf_keras.keras

# The names of keras (without a leading underscore) that the namespace does
# not load: saving, and src, the package holding Keras' implementation.
public = {name for name in dir(keras) if not name.startswith("_")}
print(sorted(public - set(dir(tf.keras))))
#> ['saving', 'src']
try:
    tf.keras.saving.register_keras_serializable()
except AttributeError as error:
    print(error)
    #> module 'keras._tf_keras.keras' has no attribute 'saving'

# The module exists: imported by name, it is there, the same functions.
from tensorflow.keras.saving import register_keras_serializable

print(register_keras_serializable is keras.saving.register_keras_serializable)
#> True
print(hasattr(tf.keras, "saving"))
#> True
