import textwrap
import warnings

# The article's imports: today they give Keras 3.
import tensorflow as tf
import tensorflow.keras as keras
import tensorflow.keras.layers as layers

print(tf.__version__, keras.__version__)
#> 2.21.0 3.15.1

keras.utils.set_random_seed(0)

# The article's code, with input_shape= on the first layer; record the
# warnings it raises.
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

print(len(caught))
#> 1
print(caught[0].category.__name__)
#> UserWarning
# The message, wrapped to fit the page.
print(textwrap.fill(str(caught[0].message), width=80))
'''
Do not pass an `input_shape`/`input_dim` argument to a layer. When using
Sequential models, prefer using an `Input(shape)` object as the first layer in
the model instead.
'''

# The model is built all the same.
print(model.input_shape, model.count_params())
#> (None, 3) 26
