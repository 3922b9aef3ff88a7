import logging

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

model = keras.Sequential(
    [
        keras.Input(shape=(3,), name="features"),
        layers.Dense(
            3, activation="relu", kernel_initializer="he_normal", name="layer1"
        ),
        layers.BatchNormalization(name="norm"),
        layers.Dense(
            2,
            activation="sigmoid",
            kernel_initializer="he_normal",
            name="layer3",
        ),
    ],
    name="with_batchnorm",
)

# Param # counts every weight of a layer, trainable or not.
model.summary(line_length=80, print_fn=print)
'''
Model: "with_batchnorm"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ layer1 (Dense)                    │ (None, 3)                │            12 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ norm (BatchNormalization)         │ (None, 3)                │            12 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer3 (Dense)                    │ (None, 2)                │             8 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 32 (128.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 6 (24.00 B)
'''

# BatchNormalization keeps 4 vectors of 3 numbers; the moving statistics are
# updated during training, but not by gradients, so they are non-trainable.
for weight in model.get_layer("norm").weights:
    kind = "trainable" if weight.trainable else "non-trainable"
    print(weight.name, weight.shape, kind)
    #> gamma (3,) trainable
    #> beta (3,) trainable
    #> moving_mean (3,) non-trainable
    #> moving_variance (3,) non-trainable

# Freezing a layer moves its weights to the non-trainable side;
# its Param # stays.
model.get_layer("layer1").trainable = False
model.summary(line_length=80, print_fn=print)
'''
Model: "with_batchnorm"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ layer1 (Dense)                    │ (None, 3)                │            12 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ norm (BatchNormalization)         │ (None, 3)                │            12 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer3 (Dense)                    │ (None, 2)                │             8 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 32 (128.00 B)
 Trainable params: 14 (56.00 B)
 Non-trainable params: 18 (72.00 B)
'''

# Training leaves a frozen layer's weights alone. With the default fit() on
# TensorFlow, which weights train is fixed when fit() first builds its
# training function; compile() starts afresh: change trainable, compile().
# (Each compile() makes a new training function; in a notebook that has
# trained other models, TensorFlow would log a warning about retracing.)
logging.getLogger("tensorflow").setLevel(logging.ERROR)
rng = np.random.default_rng(0)
x = rng.normal(size=(32, 3))
y = rng.integers(0, 2, size=(32, 2)).astype("float32")
model.compile(optimizer="sgd", loss="binary_crossentropy")


def fit_changes(name):
    """Train one epoch; did the kernel of the layer `name` change?"""
    kernel = model.get_layer(name).kernel
    before = kernel.numpy().copy()
    model.fit(x, y, epochs=1, verbose=0)
    return not np.array_equal(before, kernel.numpy())


print(fit_changes("layer1"), fit_changes("layer3"))
#> False True
model.get_layer("layer1").trainable = True  # unfrozen, not compiled again
print(fit_changes("layer1"))
#> False
model.compile(optimizer="sgd", loss="binary_crossentropy")
print(fit_changes("layer1"))
#> True
model.get_layer("layer1").trainable = False  # frozen, not compiled again
print(fit_changes("layer1"))
#> True
model.compile(optimizer="sgd", loss="binary_crossentropy")
print(fit_changes("layer1"))
#> False

# Unfreezing calls for a new optimizer: compiled again with the one that has
# trained the frozen model, fit() fails on the weights it has never seen.
optimizer = model.optimizer
model.get_layer("layer1").trainable = True
model.compile(optimizer=optimizer, loss="binary_crossentropy")
try:
    model.fit(x, y, epochs=1, verbose=0)
except ValueError as error:
    print(str(error).split(":")[0])
    #> Unknown variable
