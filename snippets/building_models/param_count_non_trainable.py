import keras
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
