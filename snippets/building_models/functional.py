import keras
from keras import layers

keras.utils.set_random_seed(0)

# Each layer is called on a tensor and returns a new tensor.
inputs = keras.Input(shape=(3,), name="features")
x = layers.Dense(
    3, activation="relu", kernel_initializer="he_normal", name="layer1"
)(inputs)
x = layers.Dense(
    2, activation="relu", kernel_initializer="he_normal", name="layer2"
)(x)
outputs = layers.Dense(
    2, activation="sigmoid", kernel_initializer="he_normal", name="layer3"
)(x)

model = keras.Model(inputs=inputs, outputs=outputs, name="my_functional")

model.summary(line_length=80, print_fn=print)
'''
Model: "my_functional"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ features (InputLayer)             │ (None, 3)                │             0 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer1 (Dense)                    │ (None, 3)                │            12 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer2 (Dense)                    │ (None, 2)                │             8 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer3 (Dense)                    │ (None, 2)                │             6 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
'''
