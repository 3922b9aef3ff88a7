import os

os.environ["TF_USE_LEGACY_KERAS"] = "0"  # Keras 3: the default today
import sys

import tensorflow as tf
from tensorflow import keras

package = keras.Model.__module__.split(".")[0]
version = sys.modules[package].__version__
print(f"TensorFlow {tf.__version__}, {package} {version}")
#> TensorFlow 2.21.0, keras 3.15.1

keras.utils.set_random_seed(0)

# The article's functional model, as written there
# (its first layer has 2 units).
inputs = keras.Input(shape=(3,), name="my_input")
layer1 = keras.layers.Dense(
    2, activation="relu", kernel_initializer="he_normal", name="layer1"
)(inputs)
layer2 = keras.layers.Dense(
    2, activation="relu", kernel_initializer="he_normal", name="layer2"
)(layer1)
outputs = keras.layers.Dense(
    2, activation="sigmoid", kernel_initializer="he_normal", name="layer3"
)(layer2)
model = keras.Model(inputs=inputs, outputs=outputs, name="my_model")

# print_fn receives the table instead of the screen: collect what it gets,
# count the calls, then print it all. line_length keeps the table narrow.
lines = []
model.summary(line_length=80, print_fn=lines.append)
print(len(lines), "call(s) to print_fn")
#> 1 call(s) to print_fn
print("\n".join(lines).rstrip())
'''
Model: "my_model"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ my_input (InputLayer)             │ (None, 3)                │             0 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer1 (Dense)                    │ (None, 2)                │             8 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer2 (Dense)                    │ (None, 2)                │             6 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer3 (Dense)                    │ (None, 2)                │             6 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 20 (80.00 B)
 Trainable params: 20 (80.00 B)
 Non-trainable params: 0 (0.00 B)
'''
