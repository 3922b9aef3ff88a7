import keras
from keras import layers

keras.utils.set_random_seed(0)

# A stack of layers, each feeding the next: 3 inputs -> 3 -> 2 -> 2 outputs.
model = keras.Sequential(
    [
        keras.Input(shape=(3,), name="features"),
        layers.Dense(
            3, activation="relu", kernel_initializer="he_normal", name="layer1"
        ),
        layers.Dense(
            2, activation="relu", kernel_initializer="he_normal", name="layer2"
        ),
        layers.Dense(
            2,
            activation="sigmoid",
            kernel_initializer="he_normal",
            name="layer3",
        ),
    ],
    name="my_sequential",
)

model.summary(line_length=80, print_fn=print)
'''
Model: "my_sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
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
