import keras
from keras import layers

keras.utils.set_random_seed(0)


class Scorer(keras.Model):
    """A subclassed model whose body is a Sequential model."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Assigned first, so it is listed first, although call() runs it last.
        self.head = layers.Dense(
            2,
            activation="sigmoid",
            kernel_initializer="he_normal",
            name="layer3",
        )
        self.body = keras.Sequential(
            [
                layers.Dense(
                    3,
                    activation="relu",
                    kernel_initializer="he_normal",
                    name="layer1",
                ),
                layers.Dense(
                    2,
                    activation="relu",
                    kernel_initializer="he_normal",
                    name="layer2",
                ),
            ],
            name="body",
        )

    def call(self, inputs):
        return self.head(self.body(inputs))


# ...used as one layer of a functional model.
inputs = keras.Input(shape=(3,), name="features")
outputs = Scorer(name="scorer")(inputs)
model = keras.Model(inputs=inputs, outputs=outputs, name="mixed")

# Every model is a layer, so a model can be used wherever a layer can.
print(isinstance(model, keras.layers.Layer))
#> True

model.summary(line_length=80, print_fn=print, expand_nested=True)
'''
Model: "mixed"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ features (InputLayer)             │ (None, 3)                │             0 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ scorer (Scorer)                   │ (None, 2)                │            26 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│    └ layer3 (Dense)               │ (None, 2)                │             6 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│    └ body (Sequential)            │ (None, 2)                │            20 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│       └ layer1 (Dense)            │ (None, 3)                │            12 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│       └ layer2 (Dense)            │ (None, 2)                │             8 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 26 (104.00 B)
 Trainable params: 26 (104.00 B)
 Non-trainable params: 0 (0.00 B)
'''
