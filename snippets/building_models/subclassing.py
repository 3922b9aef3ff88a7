import keras
from keras import layers

keras.utils.set_random_seed(0)


class MyModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The layers are created once, here...
        self.layer1 = layers.Dense(
            3, activation="relu", kernel_initializer="he_normal", name="layer1"
        )
        self.layer2 = layers.Dense(
            2, activation="relu", kernel_initializer="he_normal", name="layer2"
        )
        self.layer3 = layers.Dense(
            2,
            activation="sigmoid",
            kernel_initializer="he_normal",
            name="layer3",
        )

    def call(self, inputs):
        # ...and wired together on every forward pass.
        x = self.layer1(inputs)
        x = self.layer2(x)
        return self.layer3(x)


model = MyModel(name="my_subclassed")

# A subclassed model has no weights until it is called: call it once.
outputs = model(keras.ops.ones((1, 3)))
print(outputs.shape)
#> (1, 2)

model.summary(line_length=80, print_fn=print)
'''
Model: "my_subclassed"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ layer1 (Dense)                    │ (1, 3)                   │            12 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer2 (Dense)                    │ (1, 2)                   │             8 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer3 (Dense)                    │ (1, 2)                   │             6 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
'''
