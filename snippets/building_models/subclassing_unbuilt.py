import warnings

import keras
from keras import layers

keras.utils.set_random_seed(0)


class MyModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
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
        x = self.layer1(inputs)
        x = self.layer2(x)
        return self.layer3(x)


model = MyModel(name="my_subclassed")

# Before any call, no layer has weights: shapes are "?", counts "(unbuilt)".
model.summary(line_length=80, print_fn=print)
'''
Model: "my_subclassed"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ layer1 (Dense)                    │ ?                        │   0 (unbuilt) │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer2 (Dense)                    │ ?                        │   0 (unbuilt) │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ layer3 (Dense)                    │ ?                        │   0 (unbuilt) │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 0 (0.00 B)
 Trainable params: 0 (0.00 B)
 Non-trainable params: 0 (0.00 B)
'''

# build() with a shape does not run call(), so the inner layers stay unbuilt.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model.build((None, 3))
for warning in caught:
    print(warning.category.__name__, str(warning.message).split(",")[0])
    #> UserWarning `build()` was called on layer 'my_subclassed'
print(model.built, model.layer1.built, len(model.weights))
#> True False 0

# Calling a model runs call() and creates every weight. No data is needed:
# a keras.Input, which has a shape but no values, is enough.
model = MyModel(name="my_subclassed")
outputs = model(keras.Input(shape=(3,)))
print(type(outputs).__name__, outputs.shape)
#> KerasTensor (None, 2)
print(model.layer1.built, len(model.weights), model.count_params())
#> True 6 26
model.summary(line_length=80, print_fn=print)
'''
Model: "my_subclassed"
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
