import keras
from keras import layers

keras.utils.set_random_seed(0)

# The model of the exercise: 3 inputs -> 8 units -> 2 outputs.
model = keras.Sequential(
    [
        keras.Input(shape=(3,)),
        layers.Dense(8, activation="relu", name="hidden"),
        layers.Dense(2, activation="sigmoid", name="output"),
    ],
    name="exercise_1",
)

# Each Dense layer stores n x m weights plus m biases:
# hidden 3 x 8 + 8 = 32, output 8 x 2 + 2 = 18, 50 in all.
# Forgetting the biases gives 24 + 16 = 40, a common wrong answer.
model.summary(line_length=80, print_fn=print)
'''
Model: "exercise_1"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape             ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ hidden (Dense)                    │ (None, 8)                │            32 │
├───────────────────────────────────┼──────────────────────────┼───────────────┤
│ output (Dense)                    │ (None, 2)                │            18 │
└───────────────────────────────────┴──────────────────────────┴───────────────┘
 Total params: 50 (200.00 B)
 Trainable params: 50 (200.00 B)
 Non-trainable params: 0 (0.00 B)
'''
