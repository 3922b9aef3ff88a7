import os

os.environ["TF_USE_LEGACY_KERAS"] = "0"  # Keras 3: the default today
import sys
import textwrap
import warnings

# The article's imports.
import tensorflow as tf
import tensorflow.keras as keras
import tensorflow.keras.layers as layers

# The package behind tf.keras, and its version.
package = keras.Model.__module__.split(".")[0]
version = sys.modules[package].__version__
print(f"TensorFlow {tf.__version__}, {package} {version}")
#> TensorFlow 2.21.0, keras 3.15.1

keras.utils.set_random_seed(0)

# The article's Sequential model, input_shape= on its first layer; record
# the warnings it raises.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = keras.Sequential(
        [
            layers.Dense(
                3,
                activation="relu",
                kernel_initializer="he_normal",
                name="layer1",
                input_shape=(3,),
            ),
            layers.Dense(
                2,
                activation="relu",
                kernel_initializer="he_normal",
                name="layer2",
            ),
            layers.Dense(
                2,
                activation="sigmoid",
                kernel_initializer="he_normal",
                name="layer3",
            ),
        ],
        name="my_Seq",
    )

print(len(caught), "warning(s)")
#> 1 warning(s)
for warning in caught:  # each one's class and message, wrapped to the page
    print(warning.category.__name__)
    #> UserWarning
    print(textwrap.fill(str(warning.message), width=76))
    '''
    Do not pass an `input_shape`/`input_dim` argument to a layer. When using
    Sequential models, prefer using an `Input(shape)` object as the first layer
    in the model instead.
    '''

# The model is built either way.
print(model.input_shape, model.count_params())
#> (None, 3) 26
